package org.lessonloop.upload;

import java.util.UUID;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.RecordingCleanup;
import org.lessonloop.recordings.RecordingRepository;
import org.lessonloop.recordings.RecordingStatus;
import org.lessonloop.storage.ObjectStore;

/**
 * Ends an unfinished upload and frees what it holds in storage (the multipart upload, the tail
 * object): tus termination, expiry, a fresh start, or deletion of the recording.
 */
final class AbandonUpload implements RecordingCleanup {
    private static final String HOLDER = "abandon-" + UUID.randomUUID();

    private final ObjectStore store;
    private final UploadRepository uploads;
    private final RecordingRepository recordings;

    AbandonUpload(ObjectStore store, UploadRepository uploads, RecordingRepository recordings) {
        this.store = store;
        this.uploads = uploads;
        this.recordings = recordings;
    }

    /** Only when no request is writing to it right now; else 409, try again later. */
    void abandonIdle(Upload upload) {
        if (!uploads.acquireLease(upload.id(), HOLDER, UploadLease.LENGTH)) {
            throw ProblemException.conflict("This upload is receiving bytes right now; stop it first or try again in a minute.");
        }
        abandon(upload);
    }

    void abandon(Upload upload) {
        if (!upload.isComplete()) {
            upload.multipartId().ifPresent(id -> store.abortMultipartUpload(upload.objectKey(), id));
            upload.tailKey().ifPresent(store::remove);
        }
        uploads.delete(upload.id());
        if (!upload.isComplete()) {
            recordings.find(upload.recordingId())
                    .filter(r -> r.status() == RecordingStatus.UPLOADING)
                    .ifPresent(r -> recordings.moveStatus(r.id(), RecordingStatus.AWAITING_UPLOAD, null));
        }
    }

    /** A recording is not deleted under a running upload, which could still write into its prefix. */
    @Override
    public void beforeDelete(UUID recordingId) {
        uploads.unfinishedForRecording(recordingId).forEach(this::abandonIdle);
    }
}
