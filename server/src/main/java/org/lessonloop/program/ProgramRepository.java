package org.lessonloop.program;

import static org.lessonloop.db.Tables.COACHING_PAIRS;
import static org.lessonloop.db.Tables.GOALS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Counts and sums over a group of teachers, and nothing else: no query here returns a recording,
 * a comment, a goal's text or an id of any of them, so the numbers lead to no footage.
 */
final class ProgramRepository {
    private final DSLContext db;

    ProgramRepository(DSLContext db) {
        this.db = db;
    }

    /** A group's figures: its teachers, their uploaded recordings and the video in them, their goals (cycles) and the goals met. */
    record Figures(int teachers, long uploads, long videoMs, long cycles, long goalsMet) {
    }

    /** A coach and the figures of the teachers paired with them. */
    record CoachFigures(UUID coachId, String name, Figures figures) {
    }

    Figures school(UUID organizationId) {
        return figures(db.select(USERS.ID).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId).and(USERS.ROLE.eq("teacher"))));
    }

    List<CoachFigures> coaches(UUID organizationId) {
        return db.select(USERS.ID, USERS.DISPLAY_NAME).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId).and(USERS.ROLE.eq("coach")))
                .orderBy(USERS.DISPLAY_NAME, USERS.ID)
                .fetch(r -> new CoachFigures(r.value1(), r.value2(), figures(db.select(COACHING_PAIRS.TEACHER_ID).from(COACHING_PAIRS)
                        .join(USERS).on(USERS.ID.eq(COACHING_PAIRS.TEACHER_ID))
                        .where(COACHING_PAIRS.COACH_ID.eq(r.value1()).and(USERS.ORGANIZATION_ID.eq(organizationId))))));
    }

    private Figures figures(Select<Record1<UUID>> teachers) {
        var videos = db.select(DSL.count(), DSL.coalesce(DSL.sum(RECORDINGS.DURATION_MS), DSL.inline(java.math.BigDecimal.ZERO)))
                .from(RECORDINGS).where(RECORDINGS.OWNER_ID.in(teachers).and(RECORDINGS.SOURCE_KEY.isNotNull())).fetchSingle();
        var goals = db.select(DSL.count(), DSL.count().filterWhere(GOALS.STATUS.eq("met")))
                .from(GOALS).where(GOALS.TEACHER_ID.in(teachers)).fetchSingle();
        int teacherCount = db.fetchCount(teachers);
        return new Figures(teacherCount, videos.value1(), videos.value2().longValue(), goals.value1(), goals.value2());
    }
}
