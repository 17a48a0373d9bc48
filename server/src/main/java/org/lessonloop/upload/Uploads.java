package org.lessonloop.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.RecordingCleanup;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.storage.ObjectStore;

/** The upload feature's entry point: the tus operations, each checked against the caller. */
public final class Uploads {
    private final UploadRepository uploads;
    private final UploadAccess access;
    private final CreateUpload create;
    private final ReceiveUpload receive;
    private final UploadCompletion completion;
    private final AbandonUpload abandon;
    private final UploadSweeper sweeper;
    private final UploadDigests digests = new UploadDigests();
    private final UploadTraffic traffic = new UploadTraffic();
    private final UploadLimits limits;
    private final String nodeId;

    /**
     * {@code nodeId} names this server process across restarts (host and port): leases it held
     * before a crash are released at start, so a teacher resumes at once instead of waiting them out.
     */
    public Uploads(DSLContext db, ObjectStore store, AccessPolicy policy, RecordingLifecycle recordings,
                   long maxFileBytes, long quotaBytes, long partBytes, Duration expiry, int maxUnfinished, Path scratchDir, String nodeId,
                   SourceArrived sourceArrived) {
        this.limits = new UploadLimits(maxFileBytes, quotaBytes, partBytes, expiry, maxUnfinished, scratchDir);
        this.uploads = new UploadRepository(db);
        this.nodeId = nodeId;
        uploads.releaseLeasesOf(nodeId + "/");
        this.access = new UploadAccess(uploads);
        this.abandon = new AbandonUpload(store, uploads, recordings);
        this.completion = new UploadCompletion(store, uploads, recordings, sourceArrived);
        this.create = new CreateUpload(policy, recordings, uploads, abandon, limits);
        this.receive = new ReceiveUpload(access, uploads, store, completion, digests, limits, nodeId, traffic);
        this.sweeper = new UploadSweeper(uploads, abandon);
    }

    long maxFileBytes() {
        return limits.maxFileBytes();
    }

    Upload create(CurrentUser user, long length, TusMetadata metadata) {
        return create.create(user, length, metadata);
    }

    ReceiveUpload.Outcome receive(CurrentUser user, UUID uploadId, long offset, long declaredLength,
                                  Optional<ChecksumHeader> checksum, InputStream body) throws IOException {
        return receive.receive(user, uploadId, offset, declaredLength, checksum, body);
    }

    /** HEAD: also finishes an upload whose bytes all arrived but whose assembly a crash cut short. */
    Upload status(CurrentUser user, UUID uploadId) {
        Upload upload = access.owned(user, uploadId);
        if (!upload.isComplete() && upload.offset() == upload.length()) {
            // Only under the lease: if a request holds it, that request finishes the upload itself.
            UploadLease.acquire(uploads, uploadId, nodeId).ifPresent(lease -> {
                try (lease) {
                    completion.complete(access.owned(user, uploadId), lease.holder(), digests.resume(uploadId, upload.length()));
                }
            });
            return access.owned(user, uploadId);
        }
        return upload;
    }

    void terminate(CurrentUser user, UUID uploadId) {
        Upload upload = access.owned(user, uploadId);
        if (upload.isComplete()) {
            throw ProblemException.conflict("This upload is complete; delete the recording to remove its video.");
        }
        abandon.abandonIdle(upload);
    }

    public int sweepExpired() {
        return sweeper.sweep();
    }

    public UploadTraffic traffic() {
        return traffic;
    }

    /** Registered with recordings so deleting one frees its unfinished uploads. */
    public RecordingCleanup cleanup() {
        return abandon;
    }
}
