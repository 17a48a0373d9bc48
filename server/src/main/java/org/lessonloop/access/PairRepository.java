package org.lessonloop.access;

import static org.lessonloop.db.Tables.COACHING_PAIRS;
import static org.lessonloop.db.Tables.USERS;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.lessonloop.problems.ProblemException;

final class PairRepository {
    private final DSLContext db;

    PairRepository(DSLContext db) {
        this.db = db;
    }

    Pairs.Pair insert(UUID coachId, UUID teacherId) {
        UUID id = UUID.randomUUID();
        try {
            db.insertInto(COACHING_PAIRS)
                    .set(COACHING_PAIRS.ID, id)
                    .set(COACHING_PAIRS.COACH_ID, coachId)
                    .set(COACHING_PAIRS.TEACHER_ID, teacherId)
                    .execute();
        } catch (IntegrityConstraintViolationException e) {
            throw ProblemException.conflict("This coach and teacher are already paired.");
        }
        return find(id).orElseThrow();
    }

    Optional<Pairs.Pair> find(UUID id) {
        return db.selectFrom(COACHING_PAIRS).where(COACHING_PAIRS.ID.eq(id)).fetchOptional().map(PairRepository::toPair);
    }

    List<Pairs.Pair> listOrganization(UUID organizationId) {
        return list(COACHING_PAIRS.TEACHER_ID.in(DSL.select(USERS.ID).from(USERS).where(USERS.ORGANIZATION_ID.eq(organizationId))));
    }

    List<Pairs.Pair> listMember(UUID userId) {
        return list(COACHING_PAIRS.COACH_ID.eq(userId).or(COACHING_PAIRS.TEACHER_ID.eq(userId)));
    }

    private List<Pairs.Pair> list(Condition condition) {
        return db.selectFrom(COACHING_PAIRS).where(condition).orderBy(COACHING_PAIRS.CREATED_AT).fetch(PairRepository::toPair);
    }

    void setStanding(UUID id, Optional<Grant> grant) {
        db.update(COACHING_PAIRS)
                .set(COACHING_PAIRS.STANDING_PERMISSION, grant.map(Grant::code).orElse(null))
                .where(COACHING_PAIRS.ID.eq(id))
                .execute();
    }

    void delete(UUID id) {
        db.deleteFrom(COACHING_PAIRS).where(COACHING_PAIRS.ID.eq(id)).execute();
    }

    private static Pairs.Pair toPair(Record r) {
        return new Pairs.Pair(r.get(COACHING_PAIRS.ID), r.get(COACHING_PAIRS.COACH_ID), r.get(COACHING_PAIRS.TEACHER_ID),
                Optional.ofNullable(r.get(COACHING_PAIRS.STANDING_PERMISSION)));
    }
}
