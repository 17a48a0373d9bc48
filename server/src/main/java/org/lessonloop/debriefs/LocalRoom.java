package org.lessonloop.debriefs;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.lessonloop.http.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room as one node holds it while it has participants here: one consumer of the room's address
 * (every node with participants has one; with the clustered bus a publish reaches them all), the
 * local sockets, and the latest state and presence it heard, for heartbeats and commands' lead time.
 * PostgreSQL stays the truth: a socket joining reads the state from there.
 */
final class LocalRoom {
    /**
     * Commands take effect this far ahead: 2× the slowest member's round trip, within these bounds.
     * The floor covers what the round trip leaves out: the commit, and the hop to another node (in
     * the two-node browser test a 100 ms floor let the far player start 170 ms late).
     */
    static final long LEAD_MIN_MS = 200;
    static final long LEAD_MAX_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(LocalRoom.class);

    final UUID id;
    final Set<UUID> recordingIds;
    private final MessageConsumer<JsonObject> consumer;
    private final Presence presence;
    private final Clock clock;
    private final Set<RoomSocket> members = ConcurrentHashMap.newKeySet();
    private final AtomicReference<RoomState> state;
    private final AtomicBoolean loadingPresence = new AtomicBoolean();
    private final AtomicBoolean presenceDirty = new AtomicBoolean();
    private volatile int slowestRttMs;

    LocalRoom(Debrief room, EventBus bus, Presence presence, Clock clock) {
        this.id = room.id();
        this.recordingIds = room.recordingIds();
        this.presence = presence;
        this.clock = clock;
        this.state = new AtomicReference<>(room.state());
        this.consumer = bus.consumer(RoomSockets.address(id), message -> heard(message.body()));
    }

    static JsonObject presenceChanged() {
        return new JsonObject().put("type", "presence-changed");
    }

    /** Completes once this node hears the room's address: only then is a participant welcomed (nothing published after is missed). */
    Future<Void> registered() {
        return consumer.completion();
    }

    void add(RoomSocket socket) {
        members.add(socket);
    }

    /** True when it was the last one here. */
    boolean remove(RoomSocket socket) {
        members.remove(socket);
        return members.isEmpty();
    }

    void close() {
        consumer.unregister();
    }

    RoomState state() {
        return state.get();
    }

    /**
     * Keeps the newer of the two: states reach a node by the bus and by joins' reads, in any order.
     * False when the state held here was already newer (a join's read may have taken the same seq
     * first, and that one still goes to the members).
     */
    boolean offer(RoomState newer) {
        RoomState before = state.getAndAccumulate(newer, (held, offered) -> offered.seq() > held.seq() ? offered : held);
        return newer.seq() >= before.seq();
    }

    long leadMs() {
        return Math.clamp(2L * slowestRttMs, LEAD_MIN_MS, LEAD_MAX_MS);
    }

    void tookPresence(Presence.Snapshot snapshot) {
        slowestRttMs = snapshot.slowestRttMs();
    }

    private void heard(JsonObject message) {
        String type = message.getString("type", "");
        switch (type) {
            case "presence-changed" -> reloadPresence(true);
            case "state" -> {
                // Two drivers' commits publish from two threads and may arrive newest first: one
                // overtaken is superseded (last by seq wins), so the members never see the room go back.
                if (offer(RoomState.fromJson(message.getJsonObject("state")))) {
                    toAll(message);
                }
            }
            case "ended" -> members.forEach(socket -> socket.ended(message));
            default -> {
                String to = (String) message.remove("to");
                members.stream().filter(socket -> to == null || socket.userId().toString().equals(to))
                        .forEach(socket -> socket.deliver(message));
            }
        }
    }

    private void toAll(JsonObject frame) {
        members.forEach(socket -> socket.deliver(frame));
    }

    /** Every second: a heartbeat while playing; now and then the presence again (round trips change). */
    void tick(boolean refreshPresence) {
        RoomState now = state.get();
        if (!now.paused()) {
            toAll(RoomFrames.heartbeat(now, clock.millis()));
        }
        if (refreshPresence) {
            reloadPresence(false);
        }
    }

    void accessChanged() {
        members.forEach(RoomSocket::recheck);
    }

    /** One read at a time; a change heard meanwhile reads again after it. */
    private void reloadPresence(boolean tell) {
        if (tell) {
            presenceDirty.set(true);
        }
        if (!loadingPresence.compareAndSet(false, true)) {
            return;
        }
        boolean telling = presenceDirty.getAndSet(false);
        Blocking.call(() -> presence.of(id)).onComplete(result -> {
            loadingPresence.set(false);
            if (result.succeeded() && result.result().isPresent()) {
                tookPresence(result.result().get());
                if (telling) {
                    toAll(result.result().get().frame());
                }
            } else if (result.failed()) {
                LOG.warn("Could not read who is in debrief {}", id, result.cause());
            }
            if (presenceDirty.get()) {
                reloadPresence(false);
            }
        });
    }
}
