package org.lessonloop.access;

import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.problems.ProblemException;

/**
 * The one place that decides who may do what with a recording (DESIGN.md §5). A recording is its
 * owner's alone until the owner shares it; being admin grants nothing. Callers without view
 * access get 404, so they cannot even learn that the recording exists.
 */
public final class AccessPolicy {
    private final AccessRepository repository;

    public AccessPolicy(DSLContext db) {
        this.repository = new AccessRepository(db);
    }

    public Access accessTo(UUID userId, UUID recordingId) {
        return repository.accessTo(userId, recordingId);
    }

    /** Returns the caller's access, or throws 404 (cannot view) / 403 (can view, not this). */
    public Access require(CurrentUser user, UUID recordingId, Permission permission) {
        Access access = repository.accessTo(user.id(), recordingId);
        if (access == Access.NONE) {
            throw ProblemException.notFound("There is no such recording, or it has not been shared with you.");
        }
        if (!access.allows(permission)) {
            throw ProblemException.forbidden(switch (permission) {
                case COMMENT -> "This recording was shared with you to view, not to comment.";
                case MANAGE -> "Only the teacher who owns this recording can do that.";
                case VIEW -> "You cannot view this recording.";
            });
        }
        return access;
    }

    /** A jOOQ condition on RECORDINGS: the rows this user may view. */
    public Condition visibleRecordings(UUID userId) {
        return AccessRepository.visibleTo(userId);
    }

    /** A jOOQ condition: the teacher in {@code teacherId} is this user, or has a recording this user may view. */
    public Condition teacherVisible(UUID userId, Field<UUID> teacherId) {
        return AccessRepository.teacherVisibleTo(userId, teacherId);
    }

    /** A jOOQ column on RECORDINGS: "owner", "comment" or "view" for this user. */
    public Field<String> accessColumn(UUID userId) {
        return AccessRepository.accessColumn(userId);
    }
}
