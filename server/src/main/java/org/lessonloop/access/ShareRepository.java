package org.lessonloop.access;

import static org.lessonloop.db.Tables.RECORDING_SHARES;
import static org.lessonloop.db.Tables.USERS;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.lessonloop.accounts.UserRepository;

final class ShareRepository {
    private final DSLContext db;

    ShareRepository(DSLContext db) {
        this.db = db;
    }

    void upsert(UUID recordingId, UUID userId, String permission) {
        db.insertInto(RECORDING_SHARES)
                .set(RECORDING_SHARES.RECORDING_ID, recordingId)
                .set(RECORDING_SHARES.USER_ID, userId)
                .set(RECORDING_SHARES.PERMISSION, permission)
                .onConflict(RECORDING_SHARES.RECORDING_ID, RECORDING_SHARES.USER_ID)
                .doUpdate().set(RECORDING_SHARES.PERMISSION, DSL.excluded(RECORDING_SHARES.PERMISSION))
                .execute();
    }

    boolean delete(UUID recordingId, UUID userId) {
        return db.deleteFrom(RECORDING_SHARES)
                .where(RECORDING_SHARES.RECORDING_ID.eq(recordingId).and(RECORDING_SHARES.USER_ID.eq(userId)))
                .execute() > 0;
    }

    List<Shares.Share> list(UUID recordingId) {
        return db.select(USERS.fields()).select(RECORDING_SHARES.PERMISSION, RECORDING_SHARES.CREATED_AT)
                .from(RECORDING_SHARES).join(USERS).on(USERS.ID.eq(RECORDING_SHARES.USER_ID))
                .where(RECORDING_SHARES.RECORDING_ID.eq(recordingId))
                .orderBy(RECORDING_SHARES.CREATED_AT)
                .fetch(r -> new Shares.Share(UserRepository.toUser(r), r.get(RECORDING_SHARES.PERMISSION), r.get(RECORDING_SHARES.CREATED_AT)));
    }
}
