package org.lessonloop.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.lessonloop.access.Access;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.Sessions;
import org.lessonloop.database.CoherentCache;
import org.lessonloop.http.Blocking;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * This node's open live sockets, found by the recordings they follow and the sessions they belong
 * to, so that a change the access policy or the sessions hear of (here or from another node,
 * migration V5) reaches exactly the sockets it concerns, before the next notification is handled.
 */
final class LiveSockets {
    /**
     * Bounds on one socket. {@code writeQueueBytes}: what a slow browser may leave unread on the
     * server before it is closed (a reconnecting client reloads what it shows); {@code heldEvents}:
     * events of one recording held while its access is checked again.
     */
    record Limits(int maxSubscriptions, int maxMessageChars, int writeQueueBytes, int heldEvents, Duration pingEvery,
                  Duration idleAfter, double messagesPerSecond, int messageBurst) {
        /** Browsers answer pings by themselves; a socket silent for more than two pings is gone. */
        static final Limits STANDARD = new Limits(32, 4_096, 256 * 1024, 256, Duration.ofSeconds(20), Duration.ofSeconds(50),
                10, 40);
    }

    /** The user's access to a recording, and whether it still exists (to say why a subscription ended). */
    record Decision(Access access, boolean exists) {
    }

    private final Vertx vertx;
    private final Sessions sessions;
    private final AccessPolicy policy;
    private final RecordingLifecycle recordings;
    private final Frames frames;
    private final Limits limits;
    private final Set<LiveSocket> open = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Set<LiveSocket.Subscription>> byRecording = new ConcurrentHashMap<>();
    private final Map<String, Set<LiveSocket>> bySession = new ConcurrentHashMap<>();

    LiveSockets(Vertx vertx, Sessions sessions, AccessPolicy policy, RecordingLifecycle recordings, Frames frames, Limits limits) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.policy = policy;
        this.recordings = recordings;
        this.frames = frames;
        this.limits = limits;
        policy.watch(new CoherentCache.Watcher<>() {
            @Override
            public void changed(UUID recordingId) {
                byRecording.getOrDefault(recordingId, Set.of()).forEach(LiveSocket.Subscription::accessChanged);
            }

            @Override
            public void changedAll() {
                byRecording.values().forEach(subscriptions -> subscriptions.forEach(LiveSocket.Subscription::accessChanged));
            }
        });
        sessions.watch(new CoherentCache.Watcher<>() {
            @Override
            public void changed(String tokenHash) {
                bySession.getOrDefault(tokenHash, Set.of()).forEach(LiveSocket::sessionChanged);
            }

            @Override
            public void changedAll() {
                open.forEach(LiveSocket::sessionChanged);
            }
        });
        vertx.setPeriodic(limits.pingEvery().toMillis(), ignored -> open.forEach(LiveSocket::heartbeat));
    }

    /** On the upgraded socket's context. */
    void open(ServerWebSocket ws, CurrentUser user, String token) {
        LiveSocket socket = new LiveSocket(ws, vertx.getOrCreateContext(), this, user.id(), token, user.sessionTokenHash());
        open.add(socket);
        bySession.computeIfAbsent(user.sessionTokenHash(), hash -> ConcurrentHashMap.newKeySet()).add(socket);
        socket.open();
    }

    void closed(LiveSocket socket) {
        open.remove(socket);
        bySession.computeIfPresent(socket.tokenHash(), (hash, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    void index(LiveSocket.Subscription subscription) {
        byRecording.computeIfAbsent(subscription.recordingId, id -> ConcurrentHashMap.newKeySet()).add(subscription);
    }

    void unindex(LiveSocket.Subscription subscription) {
        byRecording.computeIfPresent(subscription.recordingId, (id, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    Future<Decision> decide(UUID userId, UUID recordingId) {
        return Blocking.call(() -> {
            Access access = policy.accessTo(userId, recordingId);
            return new Decision(access, access != Access.NONE || recordings.find(recordingId).isPresent());
        });
    }

    Future<Optional<CurrentUser>> session(String token) {
        return Blocking.call(() -> sessions.find(token));
    }

    Limits limits() {
        return limits;
    }

    Frames frames() {
        return frames;
    }

    EventBus bus() {
        return vertx.eventBus();
    }
}
