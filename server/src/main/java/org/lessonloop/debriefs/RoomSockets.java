package org.lessonloop.debriefs;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.Sessions;
import org.lessonloop.database.CoherentCache;

/**
 * This node's rooms and their sockets. A room lives here while it has a participant here; what the
 * access policy or the sessions hear of (a revoked share, a deleted recording, a sign-out, on any
 * node: migration V5's notifications) reaches the sockets it concerns at once.
 */
final class RoomSockets {
    /**
     * Bounds on one socket: its frames, what it may leave unread on the server, how often it may
     * speak (all messages; commands; pointer moves; sketches), how many bad frames it may send.
     */
    record Limits(int maxFrameChars, int writeQueueBytes, int earlyFrames, double messagesPerSecond, int messageBurst,
                  double commandsPerSecond, int commandBurst, double pointersPerSecond, double sketchesPerSecond,
                  int malformedPerMinute, Duration pingEvery, Duration idleAfter) {
        static final Limits STANDARD = new Limits(16 * 1024, 256 * 1024, 256, 60, 120, 5, 10, 30, 10, 10,
                Duration.ofSeconds(2), Duration.ofSeconds(50));
    }

    /** Seconds between presence refreshes (round trips, seen_at). */
    static final int PRESENCE_EVERY_TICKS = 5;

    private final Vertx vertx;
    final Debriefs debriefs;
    final RoomActions actions;
    final Presence presence;
    final Sessions sessions;
    final Clock clock;
    final Limits limits;
    private final Map<UUID, LocalRoom> rooms = new ConcurrentHashMap<>();
    private final Set<RoomSocket> open = ConcurrentHashMap.newKeySet();
    private long ticks;

    RoomSockets(Vertx vertx, Debriefs debriefs, RoomActions actions, Presence presence, AccessPolicy policy, Sessions sessions,
                Clock clock, Limits limits) {
        this.vertx = vertx;
        this.debriefs = debriefs;
        this.actions = actions;
        this.presence = presence;
        this.sessions = sessions;
        this.clock = clock;
        this.limits = limits;
        policy.watch(new CoherentCache.Watcher<>() {
            @Override
            public void changed(UUID recordingId) {
                rooms.values().stream().filter(room -> room.recordingIds.contains(recordingId)).forEach(LocalRoom::accessChanged);
            }

            @Override
            public void changedAll() {
                rooms.values().forEach(LocalRoom::accessChanged);
            }
        });
        sessions.watch(new CoherentCache.Watcher<>() {
            @Override
            public void changed(String tokenHash) {
                open.stream().filter(socket -> socket.tokenHash().equals(tokenHash)).forEach(RoomSocket::sessionChanged);
            }

            @Override
            public void changedAll() {
                open.forEach(RoomSocket::sessionChanged);
            }
        });
        vertx.setPeriodic(1000, ignored -> tick());
    }

    static String address(UUID debriefId) {
        return "debrief.room." + debriefId;
    }

    /** On the upgraded socket's context. */
    void open(ServerWebSocket ws, CurrentUser me, String token, UUID debriefId) {
        RoomSocket socket = new RoomSocket(ws, vertx.getOrCreateContext(), this, me, token, debriefId);
        open.add(socket);
        socket.open();
    }

    /** The node's room for this socket, made (and its consumer registered) by the first one here. */
    synchronized LocalRoom enter(RoomSocket socket, Debrief room) {
        LocalRoom local = rooms.computeIfAbsent(room.id(), id -> new LocalRoom(room, vertx.eventBus(), presence, clock));
        local.add(socket);
        return local;
    }

    synchronized void leave(RoomSocket socket, LocalRoom room) {
        open.remove(socket);
        if (room != null && room.remove(socket)) {
            room.close();
            rooms.remove(room.id, room);
        }
    }

    /** To every node's participants: the message is committed already (state in PostgreSQL first, then this). */
    void publish(UUID debriefId, JsonObject message) {
        vertx.eventBus().publish(address(debriefId), message);
    }

    void ended(UUID debriefId, JsonObject summary) {
        publish(debriefId, new JsonObject().put("type", "ended").put("summary", summary));
    }

    private void tick() {
        ticks++;
        boolean refresh = ticks % PRESENCE_EVERY_TICKS == 0;
        rooms.values().forEach(room -> room.tick(refresh));
        open.forEach(socket -> socket.tick(refresh));
        if (ticks % 60 == 0) {
            org.lessonloop.http.Blocking.call(() -> {
                presence.purgeStale();
                return null;
            });
        }
    }
}
