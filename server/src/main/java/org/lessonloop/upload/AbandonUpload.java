package org.lessonloop.upload;

import java.util.UUID;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.LifecycleEvent;
import org.lessonloop.recordings.RecordingCleanup;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.storage.ObjectStore;

/**
 * Ends an unfinished upload and frees what it holds in storage (the multipart upload, the tail
 * object): tus termination, expiry, a fresh start, or deletion of the recording.
 */
final class AbandonUpload implements RecordingCleanup {
    private static final String HOLDER = "abandon-" + UUID.randomUUID();

    private final ObjectStore store;
    private final UploadRepository uploads;
    private final RecordingLifecycle recordings;

    AbandonUpload(ObjectStore store, UploadRepository uploads, RecordingLifecycle recordings) {
        this.store = store;
        this.uploads = uploads;
        this.recordings = recordings;
    }

    /**
     * Only when no request is writing to it right now; else 409, try again later. The recording
     * waits for an upload again.
     */
    void abandonIdle(Upload upload) {
        abandonIdle(upload, new LifecycleEvent.UploadAbandoned());
    }

    /** tus expiration: as {@link #abandonIdle}, but the recording's upload has failed, and its owner is told why. */
    void expire(Upload upload) {
        abandonIdle(upload, new LifecycleEvent.Failed("The upload was not finished by " + upload.expiresAt().toLocalDate()
                + ", so what had arrived was discarded. Upload the file again."));
    }

    private void abandonIdle(Upload upload, LifecycleEvent forRecording) {
        if (!uploads.acquireLease(upload.id(), HOLDER, UploadLease.LENGTH)) {
            throw ProblemException.conflict("This upload is receiving bytes right now; stop it first or try again in a minute.");
        }
        if (!upload.isComplete()) {
            upload.multipartId().ifPresent(id -> store.abortMultipartUpload(upload.objectKey(), id));
            upload.tailKey().ifPresent(store::remove);
        }
        uploads.delete(upload.id());
        if (!upload.isComplete()) {
            // Refused when the recording is not uploading any more (a newer upload finished it): nothing to change then.
            recordings.tryMove(upload.recordingId(), forRecording);
        }
    }

    /** A recording is not deleted under a running upload, which could still write into its prefix. */
    @Override
    public void beforeDelete(UUID recordingId) {
        uploads.unfinishedForRecording(recordingId).forEach(this::abandonIdle);
    }
}
