package org.lessonloop.debriefs;

import static org.lessonloop.db.Tables.DEBRIEF_PRESENCE;
import static org.lessonloop.db.Tables.USERS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/** The open sockets of rooms, on every node: one row each, refreshed while it lives. */
final class PresenceRepository {
    /** A row not refreshed for this long belongs to a node that went away. */
    static final Duration STALE = Duration.ofSeconds(30);

    private final DSLContext db;

    PresenceRepository(DSLContext db) {
        this.db = db;
    }

    /** One socket's row, as every node sees it. */
    record Member(UUID socketId, UUID userId, String displayName, String role, int rttMs, boolean buffering, boolean catchingUp) {
    }

    void join(UUID socketId, UUID debriefId, UUID userId) {
        db.insertInto(DEBRIEF_PRESENCE).set(DEBRIEF_PRESENCE.SOCKET_ID, socketId).set(DEBRIEF_PRESENCE.DEBRIEF_ID, debriefId)
                .set(DEBRIEF_PRESENCE.USER_ID, userId).onConflictDoNothing().execute();
    }

    void leave(UUID socketId) {
        db.deleteFrom(DEBRIEF_PRESENCE).where(DEBRIEF_PRESENCE.SOCKET_ID.eq(socketId)).execute();
    }

    /** Refreshes the row with what the socket measured; false when the row is gone (the room went with its recording). */
    boolean update(UUID socketId, int rttMs, boolean buffering, boolean catchingUp) {
        return db.update(DEBRIEF_PRESENCE)
                .set(DEBRIEF_PRESENCE.RTT_MS, rttMs)
                .set(DEBRIEF_PRESENCE.BUFFERING, buffering)
                .set(DEBRIEF_PRESENCE.CATCHING_UP, catchingUp)
                .set(DEBRIEF_PRESENCE.SEEN_AT, OffsetDateTime.now())
                .where(DEBRIEF_PRESENCE.SOCKET_ID.eq(socketId)).execute() == 1;
    }

    List<Member> members(UUID debriefId) {
        return db.select(DEBRIEF_PRESENCE.SOCKET_ID, DEBRIEF_PRESENCE.USER_ID, USERS.DISPLAY_NAME, USERS.ROLE, DEBRIEF_PRESENCE.RTT_MS,
                        DEBRIEF_PRESENCE.BUFFERING, DEBRIEF_PRESENCE.CATCHING_UP)
                .from(DEBRIEF_PRESENCE).join(USERS).on(USERS.ID.eq(DEBRIEF_PRESENCE.USER_ID))
                .where(DEBRIEF_PRESENCE.DEBRIEF_ID.eq(debriefId).and(DEBRIEF_PRESENCE.SEEN_AT.gt(OffsetDateTime.now().minus(STALE))))
                .orderBy(DEBRIEF_PRESENCE.SEEN_AT)
                .fetch(r -> new Member(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    /** Rows left by dead nodes, removed now and then. */
    int purgeStale() {
        return db.deleteFrom(DEBRIEF_PRESENCE).where(DEBRIEF_PRESENCE.SEEN_AT.lt(OffsetDateTime.now().minus(STALE.multipliedBy(2)))).execute();
    }
}
