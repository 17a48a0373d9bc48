package org.lessonloop.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tus PATCH: appends one request's bytes at the stored offset. Runs on a virtual thread reading
 * the request body as a stream. However the request ends (complete, dropped, timed out), every
 * byte received is made durable before the lease is released, and the new offset is returned.
 */
final class ReceiveUpload {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveUpload.class);

    /** What the request did: the offset to report, and why it stopped early, if it did. */
    record Outcome(long offset, OffsetDateTime expiresAt, Optional<IOException> interruption) {
    }

    private final UploadAccess access;
    private final UploadRepository uploads;
    private final ObjectStore store;
    private final UploadCompletion completion;
    private final UploadDigests digests;
    private final UploadLimits limits;
    private final String nodeId;
    private final UploadTraffic traffic;

    ReceiveUpload(UploadAccess access, UploadRepository uploads, ObjectStore store, UploadCompletion completion,
                  UploadDigests digests, UploadLimits limits, String nodeId, UploadTraffic traffic) {
        this.traffic = traffic;
        this.access = access;
        this.uploads = uploads;
        this.store = store;
        this.completion = completion;
        this.digests = digests;
        this.limits = limits;
        this.nodeId = nodeId;
    }

    /** {@code declaredLength} is the request's Content-Length, or -1 when it is sent chunked. */
    Outcome receive(CurrentUser user, UUID uploadId, long clientOffset, long declaredLength, Optional<ChecksumHeader> checksum,
                    InputStream body) throws IOException {
        access.owned(user, uploadId);
        UploadLease lease = UploadLease.acquire(uploads, uploadId, nodeId).orElseThrow(() -> new ProblemException.Busy(
                "Upload busy", "Another request is still writing to this upload. Retry in a few seconds."));
        Path scratch = limits.scratchDir().resolve(uploadId.toString()).resolve(UUID.randomUUID().toString());
        traffic.started();
        try (lease) {
            Upload upload = access.owned(user, uploadId);
            if (upload.isComplete()) {
                throw ProblemException.conflict("This upload is already complete.");
            }
            if (clientOffset != upload.offset()) {
                throw ProblemException.conflict("Upload-Offset is " + clientOffset + " but the server has " + upload.offset()
                        + " bytes. Ask with HEAD and resume from there.");
            }
            long remaining = upload.length() - upload.offset();
            if (remaining == 0) {
                // Every byte is stored but the assembly did not finish (a storage hiccup): finish it.
                completion.complete(upload, lease.holder(), digests.resume(uploadId, upload.offset()));
                return new Outcome(upload.length(), upload.expiresAt(), Optional.empty());
            }
            if (declaredLength > remaining) {
                throw ProblemException.tooLarge("This request would carry " + declaredLength + " bytes but only " + remaining
                        + " remain of the declared Upload-Length; nothing was taken.");
            }
            Optional<MessageDigest> digest = digests.resume(uploadId, upload.offset());
            Appended appended;
            try (InputStream source = checksum.isPresent() ? verifiedSpool(body, checksum.get(), remaining, scratch) : body) {
                appended = append(upload, source, remaining, lease.holder(), scratch, digest);
            }
            OffsetDateTime expiresAt = OffsetDateTime.now().plus(limits.expiry());
            uploads.extendExpiry(uploadId, expiresAt);
            if (appended.offset() == upload.length()) {
                completion.complete(uploads.find(uploadId).orElseThrow(), lease.holder(), digest);
            } else {
                digest.ifPresent(d -> digests.keep(uploadId, appended.offset(), d));
            }
            return new Outcome(appended.offset(), expiresAt, appended.interruption());
        } finally {
            traffic.ended();
            deleteRecursively(scratch);
        }
    }

    private record Appended(long offset, Optional<IOException> interruption) {
    }

    private Appended append(Upload upload, InputStream source, long remaining, String holder, Path scratch,
                            Optional<MessageDigest> digest) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        Optional<IOException> interruption = Optional.empty();
        try (PartWriter writer = new PartWriter(upload, holder, store, uploads, scratch, limits.partBytes(), digest)) {
            long left = remaining;
            while (true) {
                int n;
                try {
                    n = source.read(buffer, 0, buffer.length);
                } catch (IOException e) {
                    // The connection broke or went silent: keep what arrived, the client resumes from it.
                    // (Failures of our own disk or storage are not caught here: they fail the request.)
                    LOG.info("Upload {} interrupted at {} bytes: {}", upload.id(), writer.received(), e.getMessage());
                    interruption = Optional.of(e);
                    break;
                }
                if (n == -1) {
                    break;
                }
                if (n > left) {
                    writer.write(buffer, 0, (int) left);
                    writer.flush();
                    throw ProblemException.tooLarge("The request carries more bytes than the declared Upload-Length of "
                            + upload.length() + "; the bytes up to it were kept.");
                }
                writer.write(buffer, 0, n);
                traffic.received(n);
                left -= n;
            }
            return new Appended(writer.flush(), interruption);
        }
    }

    /** With a checksum the body is only accepted whole: spool it to disk, check, then append. */
    private static InputStream verifiedSpool(InputStream body, ChecksumHeader checksum, long remaining, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path spool = scratch.resolve("checksummed-body");
        MessageDigest digest = checksum.newDigest();
        long copied;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), digest)) {
            // One byte past what may remain is enough to refuse: never spool an unbounded body.
            copied = copyAtMost(body, out, remaining + 1);
        }
        if (copied > remaining) {
            throw ProblemException.tooLarge("The request carries more bytes than the declared Upload-Length allows.");
        }
        if (!checksum.matches(digest)) {
            throw new ProblemException.ChecksumMismatch("The body does not match Upload-Checksum; nothing of it was kept. Send it again.");
        }
        return Files.newInputStream(spool);
    }

    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) != -1) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not clean scratch directory {}", dir, e);
        }
    }
}
