package org.lessonloop.storage;

import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.DeleteObjectsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsV2Args;
import io.minio.ListPartsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectAPIArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadPartArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The only class that talks to object storage: the S3 API through the MinIO SDK. Every method
 * blocks (call it from a virtual thread) and reports failures as {@link StorageException}.
 * Bodies are streamed from files, so neither this process nor an embedded S3Proxy holds a whole
 * object or part in memory.
 */
public final class ObjectStore implements AutoCloseable {

    public record StoredObject(String key, long size, String etag, String contentType) {}

    public record UploadedPart(int number, String etag) {}

    public record PendingUpload(String key, String uploadId) {}

    /** A key and when its object was last written: what a consistency check weighs against rows. */
    public record ListedObject(String key, Instant lastModified) {}

    /** A multipart upload not yet completed or aborted, and when it was started. */
    public record StartedUpload(PendingUpload upload, Instant initiated) {}

    /** Our own part size: 10,000 parts (the S3 maximum) of it make 160 GiB. */
    static final long PART_SIZE = 16L << 20;
    private static final int MAX_PARTS = 10_000;
    /** DeleteObjects takes at most 1,000 keys per request. */
    private static final int MAX_KEYS = 1_000;

    private final MinioAsyncClient client;
    private final String bucket;

    private ObjectStore(MinioAsyncClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    public static ObjectStore connect(S3Settings s) {
        MinioAsyncClient client = MinioAsyncClient.builder()
                .endpoint(s.endpoint().toString())
                .region(s.region()) // without it, presigning first asks the server for the region
                .credentials(s.accessKey(), s.secretKey())
                .build();
        return new ObjectStore(client, s.bucket());
    }

    public void ensureBucket() {
        if (await(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()), "check bucket " + bucket)) {
            return;
        }
        try {
            await(client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()), "create bucket " + bucket);
        } catch (StorageException e) {
            if (!hasCode(e, "BucketAlreadyOwnedByYou")) { // another node won the race
                throw e;
            }
        }
    }

    public void put(String key, Path file, String contentType) {
        try (var raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            long partSize = partSizeFor(size);
            if (size <= partSize) {
                putSingle(key, raf, size, contentType);
                return;
            }
            String uploadId = createMultipartUpload(key, contentType);
            try {
                List<UploadedPart> parts = new ArrayList<>();
                for (long offset = 0; offset < size; offset += partSize) {
                    int number = parts.size() + 1;
                    raf.seek(offset);
                    parts.add(new UploadedPart(number, sendPart(key, uploadId, number, raf, Math.min(partSize, size - offset))));
                }
                completeMultipartUpload(key, uploadId, parts);
            } catch (IOException | RuntimeException e) {
                abortAfterFailure(key, uploadId, e);
                throw e;
            }
        } catch (IOException e) {
            throw new StorageException("Cannot upload " + file + " to " + key, e);
        }
    }

    /**
     * Stores a stream of {@code size} bytes, or of unknown length when {@code size} is -1. S3 needs
     * each request's length up front, so the stream is spooled to a temporary file one part at a time.
     */
    public void put(String key, InputStream in, long size, String contentType) {
        long partSize = size >= 0 ? partSizeFor(size) : PART_SIZE;
        Path spool = null;
        try {
            spool = Files.createTempFile("lessonloop-part-", ".tmp");
            try (var raf = new RandomAccessFile(spool.toFile(), "rw")) {
                long first = PartFiles.spool(in, raf, partSize);
                if (first < partSize) {
                    checkLength(key, first, size);
                    putSingle(key, raf, first, contentType);
                    return;
                }
                String uploadId = createMultipartUpload(key, contentType);
                try {
                    List<UploadedPart> parts = new ArrayList<>();
                    long total = 0;
                    for (long n = first; n > 0; n = PartFiles.spool(in, raf, partSize)) {
                        int number = parts.size() + 1;
                        parts.add(new UploadedPart(number, sendPart(key, uploadId, number, raf, n)));
                        total += n;
                    }
                    checkLength(key, total, size);
                    completeMultipartUpload(key, uploadId, parts);
                } catch (IOException | RuntimeException e) {
                    abortAfterFailure(key, uploadId, e);
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new StorageException("Cannot upload a stream to " + key, e);
        } finally {
            PartFiles.deleteQuietly(spool);
        }
    }

    /** The whole object; the caller closes the stream. */
    public InputStream get(String key) {
        return await(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), "get " + key);
    }

    /** {@code length} bytes from {@code offset} (an HTTP range request); the caller closes the stream. */
    public InputStream get(String key, long offset, long length) {
        var args = GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length).build();
        return await(client.getObject(args), "get " + key + " from " + offset);
    }

    public Optional<StoredObject> stat(String key) {
        try {
            var head = await(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()), "stat " + key);
            return Optional.of(new StoredObject(key, head.size(), head.etag(), head.contentType()));
        } catch (StorageException e) {
            if (hasCode(e, "NoSuchKey")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** S3 answers a delete of a missing key with success, so this is idempotent. */
    public void remove(String key) {
        await(client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build()), "remove " + key);
    }

    /** The keys under {@code prefix}, in key order. */
    public List<String> list(String prefix) {
        return listWithDates(prefix).stream().map(ListedObject::key).toList();
    }

    /** The objects under {@code prefix} (the empty prefix: the whole bucket), in key order. */
    public List<ListedObject> listWithDates(String prefix) {
        List<ListedObject> objects = new ArrayList<>();
        String after = null;
        while (true) {
            var args = ListObjectsV2Args.builder().bucket(bucket).prefix(prefix).maxKeys(MAX_KEYS);
            if (after != null) {
                args.startAfter(after);
            }
            var listing = await(client.listObjectsV2(args.build()), "list " + prefix).result();
            listing.contents().forEach(item -> objects.add(new ListedObject(item.objectName(), item.lastModified().toInstant())));
            if (listing.contents().size() < MAX_KEYS) {
                return objects;
            }
            after = objects.getLast().key();
        }
    }

    /** Deletes every object whose key starts with {@code prefix}; returns how many. */
    public int removePrefix(String prefix) {
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("Refusing to remove every object in " + bucket);
        }
        int removed = 0;
        while (true) {
            // Always take the first page again: what we deleted is gone, so no continuation token to trust.
            var listing = await(client.listObjectsV2(ListObjectsV2Args.builder()
                    .bucket(bucket).prefix(prefix).maxKeys(MAX_KEYS).build()), "list " + prefix).result();
            List<DeleteRequest.Object> batch = listing.contents().stream()
                    .map(item -> new DeleteRequest.Object(item.objectName()))
                    .toList();
            if (batch.isEmpty()) {
                return removed;
            }
            var errors = await(client.deleteObjects(DeleteObjectsArgs.builder()
                    .bucket(bucket).objects(batch).quiet(true).build()), "remove under " + prefix).result().errors();
            if (!errors.isEmpty()) {
                throw new StorageException(errors.size() + " objects under " + prefix + " were not removed, first: " + errors.getFirst());
            }
            removed += batch.size();
        }
    }

    public String createMultipartUpload(String key, String contentType) {
        var args = CreateMultipartUploadArgs.builder().bucket(bucket).object(key)
                .headers(new Http.Headers(Http.Headers.CONTENT_TYPE, contentType)).build();
        return await(client.createMultipartUpload(args), "start multipart upload of " + key).result().uploadId();
    }

    /** Uploads the first {@code size} bytes of {@code partFile} as part {@code partNumber}; returns its ETag. */
    public String uploadPart(String key, String uploadId, int partNumber, Path partFile, long size) {
        try (var raf = new RandomAccessFile(partFile.toFile(), "r")) {
            return sendPart(key, uploadId, partNumber, raf, size);
        } catch (IOException e) {
            throw new StorageException("Cannot upload part " + partNumber + " of " + key + " from " + partFile, e);
        }
    }

    public void completeMultipartUpload(String key, String uploadId, List<UploadedPart> parts) {
        Part[] s3Parts = parts.stream().map(p -> new Part(p.number(), p.etag())).toArray(Part[]::new);
        var args = CompleteMultipartUploadArgs.builder().bucket(bucket).object(key).uploadId(uploadId).parts(s3Parts).build();
        await(client.completeMultipartUpload(args), "complete multipart upload of " + key);
    }

    /** Frees the parts of an upload; an upload already aborted or completed is not an error. */
    public void abortMultipartUpload(String key, String uploadId) {
        var args = AbortMultipartUploadArgs.builder().bucket(bucket).object(key).uploadId(uploadId).build();
        try {
            await(client.abortMultipartUpload(args), "abort multipart upload of " + key);
        } catch (StorageException e) {
            if (!hasCode(e, "NoSuchUpload")) {
                throw e;
            }
        }
    }

    public List<UploadedPart> listParts(String key, String uploadId) {
        List<UploadedPart> parts = new ArrayList<>();
        Integer marker = null;
        do {
            var args = ListPartsArgs.builder().bucket(bucket).object(key).uploadId(uploadId);
            if (marker != null) {
                args.partNumberMarker(marker);
            }
            var page = await(client.listParts(args.build()), "list parts of " + key).result();
            page.parts().forEach(p -> parts.add(new UploadedPart(p.partNumber(), p.etag())));
            marker = page.isTruncated() ? page.nextPartNumberMarker() : null;
        } while (marker != null);
        return parts;
    }

    /** Multipart uploads started and neither completed nor aborted, for keys under {@code prefix}. */
    public List<PendingUpload> listMultipartUploads(String prefix) {
        return listMultipartUploadsWithDates(prefix).stream().map(StartedUpload::upload).toList();
    }

    /** {@link #listMultipartUploads} with when each was started. */
    public List<StartedUpload> listMultipartUploadsWithDates(String prefix) {
        List<StartedUpload> uploads = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        do {
            var args = ListMultipartUploadsArgs.builder().bucket(bucket).prefix(prefix);
            if (keyMarker != null) {
                args.keyMarker(keyMarker).uploadIdMarker(uploadIdMarker);
            }
            var page = await(client.listMultipartUploads(args.build()), "list multipart uploads under " + prefix).result();
            // A store that does not say when an upload began makes it look old: only an unclaimed one is ever aborted.
            page.uploads().forEach(u -> uploads.add(new StartedUpload(new PendingUpload(u.objectName(), u.uploadId()),
                    u.initiated() == null ? Instant.EPOCH : u.initiated().toInstant())));
            keyMarker = page.isTruncated() ? page.nextKeyMarker() : null;
            uploadIdMarker = page.nextUploadIdMarker();
        } while (keyMarker != null);
        return uploads;
    }

    public String presignedGet(String key, Duration ttl) {
        return presign(key, ttl, Map.of());
    }

    /**
     * A presigned GET whose response carries these Content-Type and Cache-Control headers instead of
     * the stored ones (S3's signed response-* overrides), for files handed straight to a browser.
     */
    public String presignedGet(String key, Duration ttl, String contentType, String cacheControl) {
        return presign(key, ttl, Map.of("response-content-type", contentType, "response-cache-control", cacheControl));
    }

    private String presign(String key, Duration ttl, Map<String, String> responseOverrides) {
        var args = GetPresignedObjectUrlArgs.builder().method(Http.Method.GET).bucket(bucket).object(key)
                .expiry(Math.toIntExact(ttl.toSeconds()), TimeUnit.SECONDS).extraQueryParams(responseOverrides).build();
        try {
            return client.getPresignedObjectUrl(args);
        } catch (MinioException e) {
            throw new StorageException("Cannot presign " + key, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static long partSizeFor(long size) {
        long needed = Math.ceilDiv(size, MAX_PARTS);
        return Math.max(PART_SIZE, Math.ceilDiv(needed, 1L << 20) << 20);
    }

    private void putSingle(String key, RandomAccessFile raf, long length, String contentType) throws IOException {
        raf.seek(0);
        var args = PutObjectAPIArgs.builder().bucket(bucket).object(key).contentType(contentType)
                .file(raf, length).headers(PartFiles.unsignedWithMd5(raf, length)).build();
        await(client.putObject(args), "put " + key);
    }

    /**
     * Sends {@code length} bytes from the file's current position as one part. Parts carry CRC32C
     * (x-amz-checksum-crc32c, checked by S3 and MinIO) instead of Content-MD5: on the upload path
     * MD5 cost the server about a third of its CPU; CRC32C is computed in hardware.
     */
    private String sendPart(String key, String uploadId, int number, RandomAccessFile raf, long length) throws IOException {
        var args = UploadPartArgs.builder().bucket(bucket).object(key).uploadId(uploadId).partNumber(number)
                .file(raf, length).headers(PartFiles.unsignedWithCrc32c(raf, length)).build();
        return await(client.uploadPart(args), "upload part " + number + " of " + key).part().etag();
    }

    private static void checkLength(String key, long actual, long expected) {
        if (expected >= 0 && actual != expected) {
            throw new StorageException("Stream for " + key + " had " + actual + " bytes, expected " + expected);
        }
    }

    private void abortAfterFailure(String key, String uploadId, Exception failure) {
        try {
            abortMultipartUpload(key, uploadId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static <T> T await(CompletableFuture<T> call, String what) {
        try {
            return call.join();
        } catch (CompletionException e) {
            throw new StorageException("Object storage: cannot " + what, e.getCause());
        }
    }

    private static boolean hasCode(StorageException e, String code) {
        return e.getCause() instanceof ErrorResponseException error && code.equals(error.errorResponse().code());
    }
}
