package org.lessonloop.recordings;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.access.Access;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.storage.ObjectStore;

/** Create, list, read, edit and delete recordings, each through the access policy. */
public final class Recordings {
    private final RecordingRepository recordings;
    private final AccessPolicy policy;
    private final ObjectStore store;
    private final List<RecordingCleanup> cleanups;
    private final AuditLog audit;

    public Recordings(RecordingRepository recordings, AccessPolicy policy, ObjectStore store,
                      List<RecordingCleanup> cleanups, AuditLog audit) {
        this.recordings = recordings;
        this.policy = policy;
        this.store = store;
        this.cleanups = cleanups;
        this.audit = audit;
    }

    public RecordingRepository.Visible create(CurrentUser user, RecordingDetails details) {
        if (user.isAdmin()) {
            throw ProblemException.forbidden("Administrators do not own recordings; sign in as a teacher to upload a lesson.");
        }
        return new RecordingRepository.Visible(recordings.insert(user.id(), details), Access.OWNER.code(),
                user.user().displayName(), Optional.empty(), Optional.empty());
    }

    /** The caller's own recordings and those shared with them, newest first. */
    public List<RecordingRepository.Visible> list(CurrentUser user) {
        return recordings.listVisibleTo(user.id());
    }

    public RecordingRepository.Visible get(CurrentUser user, UUID id) {
        Access access = policy.require(user, id, Permission.VIEW);
        return visible(id, access);
    }

    public RecordingRepository.Visible update(CurrentUser user, UUID id, RecordingPatch patch) {
        policy.require(user, id, Permission.MANAGE);
        recordings.updateDetails(id, patch.applyTo(RecordingDetails.of(existing(id))));
        return visible(id, Access.OWNER);
    }

    /** Real deletion: every stored object under the recording's prefix, then its rows. */
    public void delete(CurrentUser user, UUID id) {
        policy.require(user, id, Permission.MANAGE);
        cleanups.forEach(cleanup -> cleanup.beforeDelete(id));
        // Objects first: if this fails the rows remain and the owner can delete again; never orphaned bytes.
        // Multipart uploads are invisible to listings, so any left behind are aborted by name.
        String prefix = Recording.storagePrefix(id);
        store.listMultipartUploads(prefix).forEach(pending -> store.abortMultipartUpload(pending.key(), pending.uploadId()));
        int removed = store.removePrefix(prefix);
        recordings.delete(id);
        policy.changed(id);
        // Real deletion includes what the audit says about the footage; the line of the deletion itself stays.
        audit.forget(id);
        audit.record(user.id(), "recording.deleted", id, null, removed + " objects removed");
    }

    /** Who did what with the recording, for its owner; to anyone else it does not exist (404). */
    public List<AuditLog.Event> auditTrail(CurrentUser user, UUID id) {
        if (policy.accessTo(user.id(), id) != Access.OWNER) {
            throw ProblemException.notFound("There is no such recording, or it has not been shared with you.");
        }
        return audit.forRecording(id);
    }

    private RecordingRepository.Visible visible(UUID id, Access access) {
        return recordings.findVisible(id, access.code()).orElseThrow(() -> ProblemException.notFound("There is no such recording."));
    }

    private Recording existing(UUID id) {
        return recordings.find(id).orElseThrow(() -> ProblemException.notFound("There is no such recording."));
    }
}
