package org.lessonloop.goals;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.UserRole;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * A teacher's goals: the teacher writes and edits them; the teacher and their coaches (anyone who
 * may view one of the teacher's recordings) read them and record measurements. Admins see none.
 */
@FeatureApi
public final class Goals {
    private final GoalRepository goals;
    private final AccessPolicy policy;
    private final RecordingLifecycle recordings;

    public Goals(GoalRepository goals, AccessPolicy policy, RecordingLifecycle recordings) {
        this.goals = goals;
        this.policy = policy;
        this.recordings = recordings;
    }

    public Goal create(CurrentUser me, GoalDetails details) {
        if (me.role() != UserRole.TEACHER) {
            throw ProblemException.forbidden("Goals belong to teachers; sign in as the teacher to set one.");
        }
        return goals.insert(me.id(), details);
    }

    /** Goals the caller may see, optionally of one teacher. */
    public List<Goal> list(CurrentUser me, Optional<UUID> teacherId) {
        return goals.listVisibleTo(me.id(), teacherId);
    }

    /** The goal, or 404 when the caller may not see it (its existence does not leak). */
    public Goal get(CurrentUser me, UUID goalId) {
        return goals.findVisibleTo(goalId, me.id())
                .orElseThrow(() -> ProblemException.notFound("There is no such goal, or it is not yours to see."));
    }

    public Goal update(CurrentUser me, UUID goalId, UnaryOperator<GoalDetails> patch) {
        Goal goal = get(me, goalId);
        if (!goal.teacherId().equals(me.id())) {
            throw ProblemException.forbidden("Only the teacher whose goal this is can change it.");
        }
        goals.update(goalId, patch.apply(goal.details()));
        return get(me, goalId);
    }

    /**
     * Of these goal ids, the teacher's: the goals an annotation on one of the teacher's recordings
     * may be tagged with. No access check: the caller has checked access to that recording.
     */
    public List<Goal> teachersGoals(UUID teacherId, Collection<UUID> goalIds) {
        return goals.teachersGoals(teacherId, goalIds);
    }

    /**
     * Of a debrief's outcome: each step on one of the teacher's goals, which the caller may see.
     * Checked before the room ends, so a wrong goal ends nothing.
     */
    public void requireTeachersGoals(CurrentUser me, UUID teacherId, List<NextStep.Draft> steps) {
        for (NextStep.Draft step : steps) {
            if (!get(me, step.goalId()).teacherId().equals(teacherId)) {
                throw ProblemException.invalid("'nextSteps': goal " + step.goalId() + " is not a goal of the teacher this debrief is about.");
            }
        }
    }

    /** Stores the steps against their goals (checked with {@link #requireTeachersGoals}). */
    public void addNextSteps(CurrentUser me, List<NextStep.Draft> steps, NextStep.Source source) {
        if (!steps.isEmpty()) {
            goals.insertNextSteps(me.id(), steps, source);
        }
    }

    /** The goal's next steps, newest last, for whoever may see the goal. */
    public List<NextStep> nextSteps(CurrentUser me, UUID goalId) {
        get(me, goalId);
        return goals.nextSteps(goalId);
    }

    public List<Measurement> measurements(CurrentUser me, UUID goalId) {
        get(me, goalId);
        return goals.measurements(goalId);
    }

    public Measurement addMeasurement(CurrentUser me, UUID goalId, Measurement measurement) {
        Goal goal = get(me, goalId);
        measurement.recordingId().ifPresent(recordingId -> {
            policy.require(me, recordingId, Permission.VIEW);
            boolean teachers = recordings.find(recordingId).map(r -> r.ownerId().equals(goal.teacherId())).orElse(false);
            if (!teachers) {
                throw ProblemException.invalid("'recordingId' must be a recording of the teacher whose goal this is.");
            }
        });
        return goals.insertMeasurement(goalId, measurement);
    }
}
