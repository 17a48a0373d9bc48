package org.lessonloop.access;

import static org.lessonloop.db.Tables.RECORDING_SHARES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class ShareRepository {
    private final DSLContext db;

    ShareRepository(DSLContext db) {
        this.db = db;
    }

    /** True when the share is new, false when it only changed (or kept) its permission. */
    boolean upsert(UUID recordingId, UUID userId, String permission) {
        boolean existed = db.fetchExists(RECORDING_SHARES,
                RECORDING_SHARES.RECORDING_ID.eq(recordingId).and(RECORDING_SHARES.USER_ID.eq(userId)));
        db.insertInto(RECORDING_SHARES)
                .set(RECORDING_SHARES.RECORDING_ID, recordingId)
                .set(RECORDING_SHARES.USER_ID, userId)
                .set(RECORDING_SHARES.PERMISSION, permission)
                .onConflict(RECORDING_SHARES.RECORDING_ID, RECORDING_SHARES.USER_ID)
                .doUpdate().set(RECORDING_SHARES.PERMISSION, DSL.excluded(RECORDING_SHARES.PERMISSION))
                .execute();
        return !existed;
    }

    boolean delete(UUID recordingId, UUID userId) {
        return db.deleteFrom(RECORDING_SHARES)
                .where(RECORDING_SHARES.RECORDING_ID.eq(recordingId).and(RECORDING_SHARES.USER_ID.eq(userId)))
                .execute() > 0;
    }

    /** Who the recording is shared with, oldest share first. */
    List<Grantee> list(UUID recordingId) {
        return db.select(RECORDING_SHARES.USER_ID, RECORDING_SHARES.PERMISSION, RECORDING_SHARES.CREATED_AT)
                .from(RECORDING_SHARES)
                .where(RECORDING_SHARES.RECORDING_ID.eq(recordingId))
                .orderBy(RECORDING_SHARES.CREATED_AT)
                .fetch(r -> new Grantee(r.value1(), r.value2(), r.value3()));
    }

    record Grantee(UUID userId, String permission, OffsetDateTime createdAt) {
    }
}
