package org.lessonloop.recordings;

import java.util.List;
import java.util.UUID;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.storage.ObjectStore;

/**
 * Real deletion of a recording: what other features hold for it, every stored object under its
 * prefix, then its rows (comments, clips, shares, jobs go with them by cascade). No access check:
 * the owner's request has made its own, retention is the system itself. Safe to repeat: a
 * recording already gone is a no-op, so a retried job or a second node finds nothing to do.
 */
@FeatureApi
public final class RecordingRemoval {
    private final RecordingRepository recordings;
    private final ObjectStore store;
    private final List<RecordingCleanup> cleanups;
    private final AccessPolicy policy;
    private final AuditLog audit;

    public RecordingRemoval(RecordingRepository recordings, ObjectStore store, List<RecordingCleanup> cleanups, AccessPolicy policy,
                     AuditLog audit) {
        this.recordings = recordings;
        this.store = store;
        this.cleanups = cleanups;
        this.policy = policy;
        this.audit = audit;
    }

    /**
     * Removes the recording; {@code actorId} null for the system. {@code why} is added to the audit
     * line ("" for none). False when there was nothing left to remove.
     */
    public boolean remove(UUID id, UUID actorId, String why) {
        if (recordings.find(id).isEmpty()) {
            return false;
        }
        cleanups.forEach(cleanup -> cleanup.beforeDelete(id));
        // Objects first: if this fails the rows remain and the deletion can be repeated; never orphaned bytes.
        // Multipart uploads are invisible to listings, so any left behind are aborted by name.
        String prefix = Recording.storagePrefix(id);
        store.listMultipartUploads(prefix).forEach(pending -> store.abortMultipartUpload(pending.key(), pending.uploadId()));
        int removed = store.removePrefix(prefix);
        recordings.delete(id);
        policy.changed(id);
        // Real deletion includes what the audit says about the footage; the line of the deletion itself stays.
        audit.forget(id);
        audit.record(actorId, "recording.deleted", id, null, why.isEmpty() ? removed + " objects removed" : why + "; " + removed
                + " objects removed");
        return true;
    }
}
