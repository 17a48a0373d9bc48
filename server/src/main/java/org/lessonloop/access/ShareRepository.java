package org.lessonloop.access;

import static org.lessonloop.db.Tables.RECORDING_SHARES;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class ShareRepository {
    private final DSLContext db;

    ShareRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Sharing again replaces the permission and the end; a lapsed share shared again is in force
     * again. True when the person had no share in force (so she hears of it), false when it only changed.
     */
    boolean upsert(UUID recordingId, UUID userId, String permission, Instant expiresAt) {
        boolean existed = db.fetchExists(RECORDING_SHARES, RECORDING_SHARES.RECORDING_ID.eq(recordingId)
                .and(RECORDING_SHARES.USER_ID.eq(userId)).and(RECORDING_SHARES.LAPSED_AT.isNull()));
        db.insertInto(RECORDING_SHARES)
                .set(RECORDING_SHARES.RECORDING_ID, recordingId)
                .set(RECORDING_SHARES.USER_ID, userId)
                .set(RECORDING_SHARES.PERMISSION, permission)
                .set(RECORDING_SHARES.EXPIRES_AT, at(expiresAt))
                .onConflict(RECORDING_SHARES.RECORDING_ID, RECORDING_SHARES.USER_ID)
                .doUpdate()
                .set(RECORDING_SHARES.PERMISSION, DSL.excluded(RECORDING_SHARES.PERMISSION))
                .set(RECORDING_SHARES.EXPIRES_AT, DSL.excluded(RECORDING_SHARES.EXPIRES_AT))
                .setNull(RECORDING_SHARES.LAPSED_AT)
                .execute();
        return !existed;
    }

    /** A new end (or none) for an existing share; false when there is no such share. */
    boolean changeEnd(UUID recordingId, UUID userId, Instant expiresAt) {
        return db.update(RECORDING_SHARES)
                .set(RECORDING_SHARES.EXPIRES_AT, at(expiresAt))
                .setNull(RECORDING_SHARES.LAPSED_AT)
                .where(RECORDING_SHARES.RECORDING_ID.eq(recordingId).and(RECORDING_SHARES.USER_ID.eq(userId)))
                .execute() > 0;
    }

    boolean changePermission(UUID recordingId, UUID userId, String permission) {
        return db.update(RECORDING_SHARES)
                .set(RECORDING_SHARES.PERMISSION, permission)
                .where(RECORDING_SHARES.RECORDING_ID.eq(recordingId).and(RECORDING_SHARES.USER_ID.eq(userId)))
                .execute() > 0;
    }

    boolean delete(UUID recordingId, UUID userId) {
        return db.deleteFrom(RECORDING_SHARES)
                .where(RECORDING_SHARES.RECORDING_ID.eq(recordingId).and(RECORDING_SHARES.USER_ID.eq(userId)))
                .execute() > 0;
    }

    /**
     * Marks the shares whose end has passed as lapsed and returns them. One statement, so of
     * several nodes sweeping at once exactly one gets each share; the update tells every node's
     * access cache (migration V5).
     */
    List<Lapsed> markLapsed() {
        return db.update(RECORDING_SHARES)
                .set(RECORDING_SHARES.LAPSED_AT, DSL.currentOffsetDateTime())
                .where(RECORDING_SHARES.EXPIRES_AT.le(DSL.currentOffsetDateTime()).and(RECORDING_SHARES.LAPSED_AT.isNull()))
                .returning(RECORDING_SHARES.RECORDING_ID, RECORDING_SHARES.USER_ID, RECORDING_SHARES.EXPIRES_AT)
                .fetch(r -> new Lapsed(r.getRecordingId(), r.getUserId(), r.getExpiresAt()));
    }

    /** Who the recording is shared with, oldest share first, lapsed shares included (the owner may extend them). */
    List<Grantee> list(UUID recordingId) {
        return db.select(RECORDING_SHARES.USER_ID, RECORDING_SHARES.PERMISSION, RECORDING_SHARES.CREATED_AT, RECORDING_SHARES.EXPIRES_AT)
                .from(RECORDING_SHARES)
                .where(RECORDING_SHARES.RECORDING_ID.eq(recordingId))
                .orderBy(RECORDING_SHARES.CREATED_AT)
                .fetch(r -> new Grantee(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    record Grantee(UUID userId, String permission, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    record Lapsed(UUID recordingId, UUID userId, OffsetDateTime expiresAt) {
    }
}
