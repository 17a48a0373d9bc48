package org.lessonloop.annotations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.database.CoherentCache;
import org.lessonloop.goals.Goals;
import org.lessonloop.problems.ProblemException;

/** The checks every annotation passes before anything is written: access, times, labels, mentions. */
final class AnnotationChecks {
    private final AnnotationRepository annotations;
    private final Goals goals;
    private final AccessPolicy policy;
    private final CoherentCache<UUID, UUID, Annotated> recordings;

    /** {@code recordings} caches each recording's facts: every comment written needs them, and they rarely change. */
    AnnotationChecks(AnnotationRepository annotations, Goals goals, AccessPolicy policy,
                     CoherentCache<UUID, UUID, Annotated> recordings) {
        this.annotations = annotations;
        this.goals = goals;
        this.policy = policy;
        this.recordings = recordings;
    }

    /** The recording, if the caller may do this with it (404 / 403 otherwise, through the policy). */
    Annotated recording(CurrentUser me, UUID recordingId, Permission permission) {
        policy.require(me, recordingId, permission);
        return Optional.ofNullable(recordings.getOrLoad(recordingId, recordingId, () -> annotations.annotated(recordingId).orElse(null)))
                .orElseThrow(() -> ProblemException.notFound("There is no such recording, or it has not been shared with you."));
    }

    /** Only the access check (404 / 403 through the policy), for when the recording's facts are not needed. */
    void require(CurrentUser me, UUID recordingId, Permission permission) {
        policy.require(me, recordingId, permission);
    }

    /** Of the people a comment mentions, those who may see the recording: only they are told by mail. */
    List<UUID> readers(UUID recordingId, List<UUID> mentioned) {
        return mentioned.stream().filter(id -> policy.accessTo(id, recordingId).allows(Permission.VIEW)).toList();
    }

    boolean canView(CurrentUser me, UUID recordingId) {
        return policy.accessTo(me.id(), recordingId).allows(Permission.VIEW);
    }

    /** Whether the caller is the recording's owner or the annotation's author: those may change or delete it. */
    static void requireAuthorOrOwner(CurrentUser me, UUID authorId, Annotated recording, String what) {
        if (!me.id().equals(authorId) && !me.id().equals(recording.ownerId())) {
            throw ProblemException.forbidden("Only its author or the recording's teacher can change or delete this " + what + ".");
        }
    }

    /**
     * Times lie within the recording once its duration is known, and before then within the longest
     * recording the media pipeline accepts; a range ends after it starts.
     */
    static void times(Annotated recording, long startMs, Optional<Long> endMs) {
        if (endMs.isPresent() && endMs.get() <= startMs) {
            throw ProblemException.invalid("'endMs' (" + endMs.get() + ") must be after 'startMs' (" + startMs + ").");
        }
        long last = endMs.orElse(startMs);
        recording.durationMs().ifPresentOrElse(duration -> {
            if (last > duration) {
                throw ProblemException.invalid("The time " + last + " ms is beyond the end of the recording (" + duration + " ms).");
            }
        }, () -> {
            if (last > Timecode.LONGEST_RECORDING_MS) {
                throw ProblemException.invalid("The time " + last + " ms is beyond the longest recording accepted ("
                        + Timecode.of(Timecode.LONGEST_RECORDING_MS) + ").");
            }
        });
    }

    /** Each id names a framework tag of the teacher's organization or one of the teacher's own goals. */
    List<Label> labels(Annotated recording, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Label> found = new ArrayList<>(annotations.organizationTags(recording.organizationId(), ids));
        goals.teachersGoals(recording.ownerId(), ids)
                .forEach(goal -> found.add(new Label(goal.id(), Label.Kind.GOAL, goal.details().statement(), null)));
        Set<UUID> unknown = new LinkedHashSet<>(ids);
        found.forEach(label -> unknown.remove(label.id()));
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("'tagIds': " + unknown.iterator().next()
                    + " is neither a tag of this organization nor a goal of this recording's teacher.");
        }
        return found;
    }

    /**
     * Anyone of the teacher's organization can be mentioned (everyone there can list them anyway), and a
     * private note mentions nobody. Whether a mentioned colleague may see the recording is deliberately
     * not checked: the answer must not tell the writer who has access. A mention reaches only those who
     * can see the comment, as everything about it does.
     */
    void mentions(Annotated recording, Visibility visibility, List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        if (visibility == Visibility.PRIVATE) {
            throw ProblemException.invalid("A private note cannot mention anyone: nobody else will ever see it.");
        }
        Set<UUID> strangers = new LinkedHashSet<>(userIds);
        strangers.removeAll(annotations.membersOf(recording.organizationId(), userIds));
        if (!strangers.isEmpty()) {
            throw ProblemException.invalid("'mentions': " + strangers.iterator().next() + " is not a person of this organization.");
        }
    }
}
