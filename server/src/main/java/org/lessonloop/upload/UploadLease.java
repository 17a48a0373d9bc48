package org.lessonloop.upload;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's exclusive hold on an upload, here or on another node. It is renewed in the
 * background for as long as the request lives, however long it waits on the client or on
 * storage; a node that dies stops renewing, and its leases run out after {@link #LENGTH}.
 * Every write of upload progress checks the holder, so a request that lost its lease cannot
 * overwrite what its successor stored.
 */
final class UploadLease implements AutoCloseable {
    static final Duration LENGTH = Duration.ofSeconds(30);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(UploadLease.class);
    private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("upload-lease-renewer").factory());

    private final UploadRepository uploads;
    private final UUID uploadId;
    private final String holder;
    private final ScheduledFuture<?> renewal;

    private UploadLease(UploadRepository uploads, UUID uploadId, String holder) {
        this.uploads = uploads;
        this.uploadId = uploadId;
        this.holder = holder;
        this.renewal = RENEWER.scheduleAtFixedRate(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Optional<UploadLease> acquire(UploadRepository uploads, UUID uploadId, String nodeId) {
        String holder = nodeId + "/" + UUID.randomUUID();
        return uploads.acquireLease(uploadId, holder, LENGTH) ? Optional.of(new UploadLease(uploads, uploadId, holder)) : Optional.empty();
    }

    String holder() {
        return holder;
    }

    private void renew() {
        try {
            uploads.renewLease(uploadId, holder, LENGTH);
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the lease on upload {}: {}", uploadId, e.getMessage());
        }
    }

    @Override
    public void close() {
        renewal.cancel(false);
        uploads.releaseLease(uploadId, holder);
    }
}
