package org.lessonloop.audit;

import static org.lessonloop.db.Tables.AUDIT_EVENTS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class AuditRepository {
    private final DSLContext db;

    AuditRepository(DSLContext db) {
        this.db = db;
    }

    void insert(UUID actorId, String action, UUID recordingId, UUID subjectUserId, String detail) {
        db.insertInto(AUDIT_EVENTS)
                .set(AUDIT_EVENTS.ACTOR_ID, actorId)
                .set(AUDIT_EVENTS.ACTION, action)
                .set(AUDIT_EVENTS.RECORDING_ID, recordingId)
                .set(AUDIT_EVENTS.SUBJECT_USER_ID, subjectUserId)
                .set(AUDIT_EVENTS.DETAIL, detail)
                .execute();
    }

    /** One statement, so repeated calls stay cheap; true when the event was appended. */
    boolean insertUnlessSince(UUID actorId, String action, UUID recordingId, OffsetDateTime since) {
        return db.insertInto(AUDIT_EVENTS, AUDIT_EVENTS.ACTOR_ID, AUDIT_EVENTS.ACTION, AUDIT_EVENTS.RECORDING_ID)
                .select(DSL.select(DSL.val(actorId, AUDIT_EVENTS.ACTOR_ID), DSL.val(action, AUDIT_EVENTS.ACTION),
                                DSL.val(recordingId, AUDIT_EVENTS.RECORDING_ID))
                        .whereNotExists(DSL.selectOne().from(AUDIT_EVENTS).where(
                                AUDIT_EVENTS.RECORDING_ID.eq(recordingId),
                                AUDIT_EVENTS.ACTOR_ID.eq(actorId),
                                AUDIT_EVENTS.ACTION.eq(action),
                                AUDIT_EVENTS.OCCURRED_AT.ge(since))))
                .execute() == 1;
    }

    List<AuditLog.Event> forRecording(UUID recordingId) {
        var subject = USERS.as("subject");
        return db.select(AUDIT_EVENTS.OCCURRED_AT, AUDIT_EVENTS.ACTOR_ID, USERS.DISPLAY_NAME, USERS.ROLE, AUDIT_EVENTS.ACTION,
                        AUDIT_EVENTS.SUBJECT_USER_ID, subject.DISPLAY_NAME, AUDIT_EVENTS.DETAIL)
                .from(AUDIT_EVENTS).leftJoin(USERS).on(USERS.ID.eq(AUDIT_EVENTS.ACTOR_ID))
                .leftJoin(subject).on(subject.ID.eq(AUDIT_EVENTS.SUBJECT_USER_ID))
                .where(AUDIT_EVENTS.RECORDING_ID.eq(recordingId))
                .orderBy(AUDIT_EVENTS.ID.desc())
                .limit(1000)
                .fetch(r -> new AuditLog.Event(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()));
    }

    /** Allowed by the table's trigger only once the recording is gone, and never for the line of its deletion. */
    void forget(UUID recordingId) {
        db.deleteFrom(AUDIT_EVENTS)
                .where(AUDIT_EVENTS.RECORDING_ID.eq(recordingId).and(AUDIT_EVENTS.ACTION.ne("recording.deleted")))
                .execute();
    }
}
