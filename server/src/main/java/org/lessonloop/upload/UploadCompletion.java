package org.lessonloop.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.lessonloop.recordings.LifecycleEvent;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;
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
    private final RecordingLifecycle recordings;
    private final SourceArrived sourceArrived;

    UploadCompletion(ObjectStore store, UploadRepository uploads, RecordingLifecycle recordings, SourceArrived sourceArrived) {
        this.store = store;
        this.uploads = uploads;
        this.recordings = recordings;
        this.sourceArrived = sourceArrived;
    }

    /** {@code digest}: the running SHA-256 over all bytes, when this node has it. */
    void complete(Upload upload, String leaseHolder, Optional<MessageDigest> digest) {
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
        String sha256 = HexFormat.of().formatHex(digest.orElseGet(() -> hashStored(upload.objectKey())).digest());
        var source = new Recording.Source(upload.objectKey(), upload.filename(), upload.length(), sha256);
        uploads.complete(upload.id(), leaseHolder, upload.length(), tx -> {
            recordings.within(tx).move(upload.recordingId(), new LifecycleEvent.UploadCompleted(source));
            sourceArrived.inTransaction(tx, upload.recordingId());
        });
        upload.tailKey().ifPresent(store::remove);
        LOG.info("Upload {} complete: recording {} has its source ({} bytes, sha256 {})",
                upload.id(), upload.recordingId(), upload.length(), sha256);
    }

    /** The running hash was lost (restart, another node): read the assembled object once. */
    private MessageDigest hashStored(String key) {
        MessageDigest digest = UploadDigests.fresh();
        try (InputStream in = new DigestInputStream(store.get(key), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new StorageException("Could not read back " + key + " to hash it", e);
        }
        return digest;
    }
}
