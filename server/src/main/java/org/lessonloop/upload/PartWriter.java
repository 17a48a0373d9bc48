package org.lessonloop.upload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.storage.StorageException;

/**
 * Cuts one request's bytes into S3 multipart parts. Only the part being filled and at most one
 * part being sent live on disk (never on the heap); the next part fills while the previous one
 * uploads. Each stored part moves the durable offset; what is left when the request ends is
 * parked as a tail object, so the next request (on any node, after any restart) goes on from it.
 */
final class PartWriter implements AutoCloseable {
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final Upload upload;
    private final String leaseHolder;
    private final ObjectStore store;
    private final UploadRepository uploads;
    private final Path scratch;
    private final long partSize;
    /** Null when the running hash was lost (restart, other node): then it is computed at completion. */
    private final MessageDigest digest;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private Future<?> sending;
    private String multipartId;
    private int nextPartNumber;
    private long partStart;
    private Path partFile;
    private OutputStream partOut;
    private long partBytes;
    private long received;
    private Optional<String> restoredTail;

    PartWriter(Upload upload, String leaseHolder, ObjectStore store, UploadRepository uploads, Path scratch, long partSize,
               Optional<MessageDigest> digest) throws IOException {
        this.upload = upload;
        this.leaseHolder = leaseHolder;
        this.store = store;
        this.uploads = uploads;
        this.scratch = Files.createDirectories(scratch);
        this.partSize = partSize;
        this.digest = digest.orElse(null);
        this.multipartId = upload.multipartId().orElse(null);
        this.nextPartNumber = uploads.parts(upload.id()).size() + 1;
        this.received = upload.offset();
        this.partStart = upload.offset() - upload.tailSize();
        this.restoredTail = upload.tailKey();
        startPart();
        if (restoredTail.isPresent()) {
            try (InputStream tail = store.get(restoredTail.get())) {
                partBytes = tail.transferTo(partOut);
            }
            if (partBytes != upload.tailSize()) {
                throw new IOException("Tail object " + restoredTail.get() + " holds " + partBytes + " bytes, expected " + upload.tailSize());
            }
        }
    }

    long received() {
        return received;
    }

    /** The SHA-256 over every byte received so far, if it was computed. */
    Optional<MessageDigest> digest() {
        return Optional.ofNullable(digest);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = (int) Math.min(length, partSize - partBytes);
            partOut.write(bytes, offset, n);
            if (digest != null) {
                digest.update(bytes, offset, n);
            }
            partBytes += n;
            received += n;
            offset += n;
            length -= n;
            if (partBytes == partSize && received < upload.length()) {
                sendPart();
            }
        }
    }

    /**
     * Makes everything received durable and returns the new offset: the final part is stored and
     * recorded when the file is complete; otherwise the remainder is parked as the tail object.
     */
    long flush() throws IOException {
        awaitSending();
        partOut.close();
        if (received == upload.length()) {
            storeLastPart();
        } else if (received > upload.offset() && partBytes > 0) {
            parkTail();
        }
        return received;
    }

    private void sendPart() throws IOException {
        partOut.close();
        Path file = partFile;
        long size = partBytes;
        int number = nextPartNumber++;
        long end = partStart + size;
        Optional<String> supersededTail = restoredTail;
        restoredTail = Optional.empty();
        awaitSending();
        ensureMultipart();
        String target = multipartId;
        sending = sender.submit(() -> {
            String etag = store.uploadPart(upload.objectKey(), target, number, file, size);
            uploads.recordPart(upload.id(), leaseHolder, number, etag, size, end);
            Files.deleteIfExists(file);
            supersededTail.ifPresent(store::remove);
            return null;
        });
        partStart = end;
        startPart();
    }

    private void storeLastPart() {
        if (multipartId == null) {
            // The whole file fit in one part: a plain put, no multipart upload needed.
            store.put(upload.objectKey(), partFile, CONTENT_TYPE);
            uploads.recordTail(upload.id(), leaseHolder, received, null, 0);
        } else if (partBytes > 0) {
            String etag = store.uploadPart(upload.objectKey(), multipartId, nextPartNumber, partFile, partBytes);
            uploads.recordPart(upload.id(), leaseHolder, nextPartNumber, etag, partBytes, received);
        }
        restoredTail.ifPresent(store::remove);
    }

    private void parkTail() {
        String key = upload.tailKeyAt(received);
        store.put(key, partFile, CONTENT_TYPE);
        uploads.recordTail(upload.id(), leaseHolder, received, key, partBytes);
        restoredTail.filter(old -> !old.equals(key)).ifPresent(store::remove);
    }

    private void ensureMultipart() {
        if (multipartId == null) {
            multipartId = store.createMultipartUpload(upload.objectKey(), CONTENT_TYPE);
            uploads.setMultipartId(upload.id(), leaseHolder, multipartId);
        }
    }

    /** A part that failed to store fails the request: the durable offset stays before it. */
    private void awaitSending() {
        if (sending == null) {
            return;
        }
        try {
            sending.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StorageException se ? se : new StorageException("Storing a part failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while storing a part", e);
        } finally {
            sending = null;
        }
    }

    private void startPart() throws IOException {
        partFile = Files.createTempFile(scratch, "part-", ".bin");
        partOut = new BufferedOutputStream(Files.newOutputStream(partFile), 256 * 1024);
        partBytes = 0;
    }

    @Override
    public void close() {
        sender.shutdownNow();
        try {
            partOut.close();
            Files.deleteIfExists(partFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
