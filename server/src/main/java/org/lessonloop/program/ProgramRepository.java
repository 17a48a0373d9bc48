package org.lessonloop.program;

import static org.lessonloop.db.Tables.COACHING_PAIRS;
import static org.lessonloop.db.Tables.DEBRIEFS;
import static org.lessonloop.db.Tables.GOALS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who is in which group, and counts and sums over a group of teachers: no query here returns a
 * recording, a comment, a goal's text or an id of any of them, so the numbers lead to no footage.
 * Teachers' ids stay in this feature: they only decide which groups may be shown.
 */
final class ProgramRepository {
    private final DSLContext db;

    ProgramRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * A group's figures: its teachers, their uploaded recordings and the video in them, their goals
     * (cycles), the goals met and the debriefs held (rooms ended) on their lessons.
     */
    record Figures(int teachers, long uploads, long videoMs, long cycles, long goalsMet, long debriefsHeld) {
    }

    /** A coach and the teachers paired with them. */
    record Coach(UUID coachId, String name, Set<UUID> teachers) {
    }

    Set<UUID> schoolTeachers(UUID organizationId) {
        return Set.copyOf(db.select(USERS.ID).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId).and(USERS.ROLE.eq("teacher")))
                .fetch(USERS.ID));
    }

    List<Coach> coaches(UUID organizationId) {
        var paired = db.select(COACHING_PAIRS.COACH_ID, COACHING_PAIRS.TEACHER_ID).from(COACHING_PAIRS)
                .join(USERS).on(USERS.ID.eq(COACHING_PAIRS.TEACHER_ID))
                .where(USERS.ORGANIZATION_ID.eq(organizationId))
                .fetchGroups(COACHING_PAIRS.COACH_ID, COACHING_PAIRS.TEACHER_ID);
        return db.select(USERS.ID, USERS.DISPLAY_NAME).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId).and(USERS.ROLE.eq("coach")))
                .orderBy(USERS.DISPLAY_NAME, USERS.ID)
                .fetch(r -> new Coach(r.value1(), r.value2(), paired.getOrDefault(r.value1(), List.of()).stream()
                        .collect(Collectors.toUnmodifiableSet())));
    }

    Figures figures(Set<UUID> teachers) {
        var videos = db.select(DSL.count(), DSL.coalesce(DSL.sum(RECORDINGS.DURATION_MS), DSL.inline(java.math.BigDecimal.ZERO)))
                .from(RECORDINGS).where(RECORDINGS.OWNER_ID.in(teachers).and(RECORDINGS.SOURCE_KEY.isNotNull())).fetchSingle();
        var goals = db.select(DSL.count(), DSL.count().filterWhere(GOALS.STATUS.eq("met")))
                .from(GOALS).where(GOALS.TEACHER_ID.in(teachers)).fetchSingle();
        int debriefs = db.fetchCount(DEBRIEFS, DEBRIEFS.TEACHER_ID.in(teachers).and(DEBRIEFS.ENDED_AT.isNotNull()));
        return new Figures(teachers.size(), videos.value1(), videos.value2().longValue(), goals.value1(), goals.value2(), debriefs);
    }
}
