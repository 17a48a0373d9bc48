package org.lessonloop.goals;

import static org.lessonloop.db.Tables.GOALS;
import static org.lessonloop.db.Tables.GOAL_MEASUREMENTS;
import static org.lessonloop.db.Tables.GOAL_NEXT_STEPS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.lessonloop.access.AccessRepository;

public final class GoalRepository {
    private final DSLContext db;

    public GoalRepository(DSLContext db) {
        this.db = db;
    }

    Goal insert(UUID teacherId, GoalDetails details) {
        UUID id = UUID.randomUUID();
        db.insertInto(GOALS)
                .set(GOALS.ID, id)
                .set(GOALS.TEACHER_ID, teacherId)
                .set(columns(details))
                .execute();
        return find(GOALS.ID.eq(id)).orElseThrow();
    }

    void update(UUID id, GoalDetails details) {
        db.update(GOALS)
                .set(columns(details))
                .set(GOALS.UPDATED_AT, OffsetDateTime.now())
                .where(GOALS.ID.eq(id))
                .execute();
    }

    /** The goal, if this user may see it: their own, or a teacher's one of whose recordings they may view. */
    Optional<Goal> findVisibleTo(UUID id, UUID userId) {
        return find(GOALS.ID.eq(id).and(AccessRepository.teacherVisibleTo(userId, GOALS.TEACHER_ID)));
    }

    /** Goals this user may see, newest first, optionally of one teacher. */
    List<Goal> listVisibleTo(UUID userId, Optional<UUID> teacherId) {
        Condition visible = AccessRepository.teacherVisibleTo(userId, GOALS.TEACHER_ID);
        return db.selectFrom(GOALS).where(teacherId.map(GOALS.TEACHER_ID::eq).map(visible::and).orElse(visible))
                .orderBy(GOALS.CREATED_AT.desc()).limit(1000).fetch(GoalRepository::toGoal);
    }

    private Optional<Goal> find(Condition which) {
        return db.selectFrom(GOALS).where(which).fetchOptional().map(GoalRepository::toGoal);
    }

    /** Of these goal ids, those that are this teacher's. */
    List<Goal> teachersGoals(UUID teacherId, Collection<UUID> ids) {
        return db.selectFrom(GOALS).where(GOALS.ID.in(ids).and(GOALS.TEACHER_ID.eq(teacherId))).fetch(GoalRepository::toGoal);
    }

    Measurement insertMeasurement(UUID goalId, Measurement m) {
        db.insertInto(GOAL_MEASUREMENTS)
                .set(GOAL_MEASUREMENTS.ID, m.id())
                .set(GOAL_MEASUREMENTS.GOAL_ID, goalId)
                .set(GOAL_MEASUREMENTS.AUTHOR_ID, m.authorId())
                .set(GOAL_MEASUREMENTS.MEASURED_ON, m.measuredOn())
                .set(GOAL_MEASUREMENTS.MEASURED, m.value())
                .set(GOAL_MEASUREMENTS.NOTE, m.note().orElse(null))
                .set(GOAL_MEASUREMENTS.RECORDING_ID, m.recordingId().orElse(null))
                .execute();
        return m;
    }

    /** The progress series, oldest first. */
    List<Measurement> measurements(UUID goalId) {
        return db.selectFrom(GOAL_MEASUREMENTS).where(GOAL_MEASUREMENTS.GOAL_ID.eq(goalId))
                .orderBy(GOAL_MEASUREMENTS.MEASURED_ON, GOAL_MEASUREMENTS.CREATED_AT)
                .fetch(r -> new Measurement(r.getId(), r.getAuthorId(), r.getMeasuredOn(), r.getMeasured(),
                        Optional.ofNullable(r.getNote()), Optional.ofNullable(r.getRecordingId())));
    }

    /** The steps, all or none. */
    void insertNextSteps(UUID authorId, List<NextStep.Draft> steps, NextStep.Source source) {
        db.transaction(tx -> {
            for (NextStep.Draft step : steps) {
                tx.dsl().insertInto(GOAL_NEXT_STEPS)
                        .set(GOAL_NEXT_STEPS.ID, UUID.randomUUID())
                        .set(GOAL_NEXT_STEPS.GOAL_ID, step.goalId())
                        .set(GOAL_NEXT_STEPS.AUTHOR_ID, authorId)
                        .set(GOAL_NEXT_STEPS.BODY, step.body())
                        .set(GOAL_NEXT_STEPS.DEBRIEF_ID, source.debriefId())
                        .set(GOAL_NEXT_STEPS.DEBRIEF_TITLE, source.title())
                        .set(GOAL_NEXT_STEPS.SUMMARY, source.summaryJson())
                        .execute();
            }
        });
    }

    /** A goal's next steps, oldest first. */
    List<NextStep> nextSteps(UUID goalId) {
        return db.select(GOAL_NEXT_STEPS.fields()).select(USERS.DISPLAY_NAME).from(GOAL_NEXT_STEPS)
                .join(USERS).on(USERS.ID.eq(GOAL_NEXT_STEPS.AUTHOR_ID))
                .where(GOAL_NEXT_STEPS.GOAL_ID.eq(goalId))
                .orderBy(GOAL_NEXT_STEPS.CREATED_AT, GOAL_NEXT_STEPS.ID)
                .fetch(r -> new NextStep(r.get(GOAL_NEXT_STEPS.ID), goalId, r.get(GOAL_NEXT_STEPS.AUTHOR_ID), r.get(USERS.DISPLAY_NAME),
                        r.get(GOAL_NEXT_STEPS.BODY),
                        r.get(GOAL_NEXT_STEPS.SUMMARY) == null ? Optional.empty() : Optional.of(new NextStep.Source(
                                r.get(GOAL_NEXT_STEPS.DEBRIEF_ID), r.get(GOAL_NEXT_STEPS.DEBRIEF_TITLE), r.get(GOAL_NEXT_STEPS.SUMMARY))),
                        r.get(GOAL_NEXT_STEPS.CREATED_AT)));
    }

    /** The columns a teacher writes, for inserts and updates alike. */
    private static Map<Field<?>, Object> columns(GoalDetails details) {
        Map<Field<?>, Object> columns = new HashMap<>();
        columns.put(GOALS.STATEMENT, details.statement());
        columns.put(GOALS.MEASURE, details.measure().orElse(null));
        columns.put(GOALS.BASELINE, details.baseline().orElse(null));
        columns.put(GOALS.TARGET, details.target().orElse(null));
        columns.put(GOALS.DUE_DATE, details.dueDate().orElse(null));
        columns.put(GOALS.STATUS, details.status().code());
        columns.put(GOALS.PHASE, details.phase().code());
        return columns;
    }

    private static Goal toGoal(Record r) {
        var details = new GoalDetails(
                r.get(GOALS.STATEMENT),
                Optional.ofNullable(r.get(GOALS.MEASURE)),
                Optional.ofNullable(r.get(GOALS.BASELINE)),
                Optional.ofNullable(r.get(GOALS.TARGET)),
                Optional.ofNullable(r.get(GOALS.DUE_DATE)),
                GoalDetails.Status.valueOf(r.get(GOALS.STATUS).toUpperCase(java.util.Locale.ROOT)),
                GoalDetails.Phase.valueOf(r.get(GOALS.PHASE).toUpperCase(java.util.Locale.ROOT)));
        return new Goal(r.get(GOALS.ID), r.get(GOALS.TEACHER_ID), details, r.get(GOALS.CREATED_AT), r.get(GOALS.UPDATED_AT));
    }
}
