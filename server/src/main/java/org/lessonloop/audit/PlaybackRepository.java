package org.lessonloop.audit;

import static org.lessonloop.db.Tables.PLAYBACK_SESSIONS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class PlaybackRepository {
    private final DSLContext db;

    PlaybackRepository(DSLContext db) {
        this.db = db;
    }

    /** One session as stored. */
    record Stored(UUID recordingId, UUID viewerId, OffsetDateTime startedAt, OffsetDateTime lastReportAt, long watchedMs,
                  WatchedRanges ranges) {
    }

    /** The database's clock, which stamps the sessions: one clock for all nodes. */
    OffsetDateTime now(DSLContext tx) {
        return tx.select(DSL.currentOffsetDateTime()).fetchSingle().value1();
    }

    /** Locks the session's row, if any, until the transaction ends: two reports of one session merge one after the other. */
    Optional<Stored> lock(DSLContext tx, UUID sessionId) {
        return tx.selectFrom(PLAYBACK_SESSIONS).where(PLAYBACK_SESSIONS.ID.eq(sessionId)).forUpdate().fetchOptional()
                .map(r -> new Stored(r.getRecordingId(), r.getViewerId(), r.getStartedAt(), r.getLastReportAt(), r.getWatchedMs(),
                        WatchedRanges.decode(r.getRanges())));
    }

    /** False when another report of the same new session was first (it then merges as an update). */
    boolean insert(DSLContext tx, UUID sessionId, UUID recordingId, UUID viewerId, long watchedMs, WatchedRanges ranges) {
        return tx.insertInto(PLAYBACK_SESSIONS)
                .set(PLAYBACK_SESSIONS.ID, sessionId)
                .set(PLAYBACK_SESSIONS.RECORDING_ID, recordingId)
                .set(PLAYBACK_SESSIONS.VIEWER_ID, viewerId)
                .set(PLAYBACK_SESSIONS.WATCHED_MS, watchedMs)
                .set(PLAYBACK_SESSIONS.RANGES, ranges.encode())
                .onConflictDoNothing()
                .execute() == 1;
    }

    void grow(DSLContext tx, UUID sessionId, OffsetDateTime now, long watchedMs, WatchedRanges ranges) {
        tx.update(PLAYBACK_SESSIONS)
                .set(PLAYBACK_SESSIONS.WATCHED_MS, watchedMs)
                .set(PLAYBACK_SESSIONS.RANGES, ranges.encode())
                .set(PLAYBACK_SESSIONS.LAST_REPORT_AT, now)
                .set(PLAYBACK_SESSIONS.REPORTS, PLAYBACK_SESSIONS.REPORTS.plus(1))
                .where(PLAYBACK_SESSIONS.ID.eq(sessionId))
                .execute();
    }

    List<PlaybackLog.Session> forRecording(UUID recordingId) {
        return db.select(PLAYBACK_SESSIONS.ID, PLAYBACK_SESSIONS.VIEWER_ID, USERS.DISPLAY_NAME, USERS.ROLE,
                        PLAYBACK_SESSIONS.STARTED_AT, PLAYBACK_SESSIONS.LAST_REPORT_AT, PLAYBACK_SESSIONS.WATCHED_MS,
                        PLAYBACK_SESSIONS.RANGES)
                .from(PLAYBACK_SESSIONS).leftJoin(USERS).on(USERS.ID.eq(PLAYBACK_SESSIONS.VIEWER_ID))
                .where(PLAYBACK_SESSIONS.RECORDING_ID.eq(recordingId))
                .orderBy(PLAYBACK_SESSIONS.STARTED_AT.desc())
                .limit(1000)
                .fetch(r -> new PlaybackLog.Session(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), WatchedRanges.decode(r.value8())));
    }

    /** Allowed by the table's trigger only once the recording itself is gone. */
    int forget(UUID recordingId) {
        return db.deleteFrom(PLAYBACK_SESSIONS).where(PLAYBACK_SESSIONS.RECORDING_ID.eq(recordingId)).execute();
    }
}
