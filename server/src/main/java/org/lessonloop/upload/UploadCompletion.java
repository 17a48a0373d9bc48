package org.lessonloop.upload;

import org.lessonloop.recordings.Recording;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an upload whose every byte is durable into the recording's verified source. Idempotent:
 * if a crash struck between assembling the object and recording it, running again finishes.
 */
final class UploadCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(UploadCompletion.class);

    private final ObjectStore store;
    private final UploadRepository uploads;

    UploadCompletion(ObjectStore store, UploadRepository uploads) {
        this.store = store;
        this.uploads = uploads;
    }

    void complete(Upload upload) {
        if (upload.isComplete() || upload.offset() != upload.length()) {
            return;
        }
        upload.multipartId().ifPresent(multipartId -> {
            try {
                store.completeMultipartUpload(upload.objectKey(), multipartId, uploads.parts(upload.id()));
            } catch (StorageException e) {
                // Already assembled by an earlier attempt that died before recording it?
                if (store.stat(upload.objectKey()).map(o -> o.size() != upload.length()).orElse(true)) {
                    throw e;
                }
            }
        });
        long stored = store.stat(upload.objectKey())
                .orElseThrow(() -> new StorageException("The assembled upload " + upload.objectKey() + " is missing", null))
                .size();
        if (stored != upload.length()) {
            throw new StorageException("The assembled upload has " + stored + " bytes, expected " + upload.length(), null);
        }
        String sha256 = ResumableSha256.restore(upload.digestState()).finishHex();
        uploads.complete(upload.id(), upload.recordingId(),
                new Recording.Source(upload.objectKey(), upload.filename(), upload.length(), sha256));
        upload.tailKey().ifPresent(store::remove);
        LOG.info("Upload {} complete: recording {} has its source ({} bytes, sha256 {})",
                upload.id(), upload.recordingId(), upload.length(), sha256);
    }
}
