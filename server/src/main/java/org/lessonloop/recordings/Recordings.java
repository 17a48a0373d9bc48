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

/** Create, list, read, edit and delete recordings, each through the access policy. */
public final class Recordings {
    private final RecordingRepository recordings;
    private final AccessPolicy policy;
    private final RecordingRemoval removal;
    private final AuditLog audit;

    public Recordings(RecordingRepository recordings, AccessPolicy policy, RecordingRemoval removal, AuditLog audit) {
        this.recordings = recordings;
        this.policy = policy;
        this.removal = removal;
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

    /** Real deletion, by its owner (see {@link RecordingRemoval}). */
    public void delete(CurrentUser user, UUID id) {
        policy.require(user, id, Permission.MANAGE);
        removal.remove(id, user.id(), "");
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
