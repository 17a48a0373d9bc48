package org.lessonloop.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.lessonloop.access.Access;
import org.lessonloop.events.Fanout;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.http.Problems;
import org.lessonloop.http.TokenBucket;
import org.lessonloop.problems.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's live channel: the user's own events from the moment it opens, and the events of
 * each recording it subscribes to for as long as the user may view that recording. Everything here
 * runs on the socket's own Vert.x context; what other threads learn (a share changed, a session
 * ended) reaches it through {@link Subscription#accessChanged}, {@link #sessionChanged} and
 * {@link #heartbeat}.
 */
final class LiveSocket {
    /** Close codes (RFC 6455 §7.4.2 leaves 4000–4999 to applications): the HTTP status each is like, plus 4000. */
    static final short SIGNED_OUT = 4401;
    static final short IDLE = 4408;
    static final short TOO_MUCH = 4429;
    static final short MESSAGE_TOO_BIG = 1009;

    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
    /** Events remembered, by id, so that one published to two addresses (owner and viewers) is sent once. */
    private static final int RECENT_EVENTS = 64;

    private final ServerWebSocket ws;
    private final Context context;
    private final LiveSockets node;
    private final LiveSockets.Limits limits;
    private final Frames frames;
    private final EventBus bus;
    private final UUID userId;
    private final String token;
    private final String tokenHash;
    private final Map<UUID, Subscription> subscriptions = new HashMap<>();
    private final Set<String> recent = new LinkedHashSet<>();
    private final List<MessageConsumer<JsonObject>> own = new ArrayList<>();
    private long lastHeard = System.nanoTime();
    private final TokenBucket messages;
    private boolean closed;

    /**
     * One recording's events while the user may view it. {@code changes} counts what watchers on any
     * thread heard about its access; events are delivered only while the last check answered for
     * the latest change, and held (briefly: one access lookup) otherwise, so nothing published after
     * a revocation slips through before the check that ends it.
     */
    final class Subscription {
        final UUID recordingId;
        final AtomicInteger changes = new AtomicInteger();
        private int checked = -1;
        private boolean checking;
        private Access access;
        private MessageConsumer<JsonObject> consumer;
        private final ArrayDeque<JsonObject> held = new ArrayDeque<>();

        private Subscription(UUID recordingId) {
            this.recordingId = recordingId;
        }

        /** Any thread: who may view the recording may have changed. */
        void accessChanged() {
            changes.incrementAndGet();
            context.runOnContext(ignored -> check(this));
        }

        private void received(JsonObject event) {
            if (checked == changes.get()) {
                deliver(event);
            } else if (held.size() < limits.heldEvents()) {
                held.add(event);
            } else {
                close(TOO_MUCH, "too many events while checking access");
            }
        }

        private void flush() {
            while (checked == changes.get() && !held.isEmpty() && !closed) {
                deliver(held.poll());
            }
        }
    }

    LiveSocket(ServerWebSocket ws, Context context, LiveSockets node, UUID userId, String token, String tokenHash) {
        this.ws = ws;
        this.context = context;
        this.node = node;
        this.limits = node.limits();
        this.frames = node.frames();
        this.bus = node.bus();
        this.userId = userId;
        this.token = token;
        this.tokenHash = tokenHash;
        this.messages = new TokenBucket(limits.messagesPerSecond(), limits.messageBurst());
    }

    String tokenHash() {
        return tokenHash;
    }

    /** On the socket's context, right after the upgrade: nothing has been read yet. */
    void open() {
        ws.setWriteQueueMaxSize(limits.writeQueueBytes());
        ws.textMessageHandler(this::received);
        ws.binaryMessageHandler(ignored -> {
            heard();
            send(frames.error(null, 400, "Send text messages of JSON."));
        });
        ws.pongHandler(ignored -> heard());
        ws.exceptionHandler(e -> LOG.debug("Live socket of user {} failed", userId, e));
        ws.closeHandler(ignored -> cleanUp());
        // Local: Fanout brings other nodes' events through PostgreSQL; a clustered registration per socket would only load Hazelcast.
        own.add(bus.localConsumer(RecordingEvents.userAddress(userId), message -> deliver(message.body())));
        own.add(bus.localConsumer(Fanout.RESYNC_ADDRESS, message -> send(frames.resync())));
        Future.all(own.get(0).completion(), own.get(1).completion())
                .onSuccess(ignored -> send(frames.welcome(userId, limits.maxSubscriptions())));
    }

    private void received(String text) {
        heard();
        if (closed) {
            return;
        }
        if (!messages.take()) {
            close(TOO_MUCH, "too many messages");
            return;
        }
        if (text.length() > limits.maxMessageChars()) {
            close(MESSAGE_TOO_BIG, "a message is at most " + limits.maxMessageChars() + " characters");
            return;
        }
        ClientMessage message;
        try {
            message = ClientMessage.parse(text);
        } catch (ProblemException e) {
            send(frames.error(null, Problems.status(e), e.detail()));
            return;
        }
        switch (message.type()) {
            case SUBSCRIBE -> subscribe(message.recordingId().orElseThrow());
            case UNSUBSCRIBE -> unsubscribe(message.recordingId().orElseThrow());
            case PING -> send(frames.pong(message.data()));
        }
    }

    private void subscribe(UUID recordingId) {
        Subscription existing = subscriptions.get(recordingId);
        if (existing != null) {
            if (existing.access != null) {
                send(frames.subscribed(recordingId, existing.access.code()));
            }
            return;
        }
        if (subscriptions.size() >= limits.maxSubscriptions()) {
            send(frames.error(recordingId, 429, "One socket follows at most " + limits.maxSubscriptions()
                    + " recordings at once; unsubscribe from one first."));
            return;
        }
        Subscription subscription = new Subscription(recordingId);
        subscriptions.put(recordingId, subscription);
        node.index(subscription);
        check(subscription);
    }

    private void unsubscribe(UUID recordingId) {
        Subscription subscription = subscriptions.get(recordingId);
        JsonObject ended = frames.ended(recordingId, Frames.Ended.UNSUBSCRIBED);
        if (subscription == null) {
            send(ended);
        } else {
            end(subscription, ended);
        }
    }

    /** One access lookup at a time per subscription; a change heard meanwhile makes another. */
    private void check(Subscription subscription) {
        if (subscription.checking || !current(subscription)) {
            return;
        }
        subscription.checking = true;
        int seen = subscription.changes.get();
        node.decide(userId, subscription.recordingId).onComplete(result -> {
            subscription.checking = false;
            if (!current(subscription)) {
                return;
            }
            if (result.failed()) {
                LOG.warn("Could not check access of user {} to recording {}", userId, subscription.recordingId, result.cause());
                end(subscription, frames.error(subscription.recordingId, 503, "Your access could not be checked; subscribe again."));
            } else if (subscription.changes.get() != seen) {
                check(subscription);
            } else {
                decided(subscription, seen, result.result());
            }
        });
    }

    private void decided(Subscription subscription, int seen, LiveSockets.Decision decision) {
        UUID id = subscription.recordingId;
        if (decision.access() == Access.NONE) {
            // Before it was ever granted, the same answer as for a recording that does not exist.
            end(subscription, subscription.access == null
                    ? frames.error(id, 404, "There is no such recording, or it has not been shared with you.")
                    : frames.ended(id, decision.exists() ? Frames.Ended.ACCESS_REVOKED : Frames.Ended.RECORDING_DELETED));
            return;
        }
        Access before = subscription.access;
        subscription.access = decision.access();
        if (subscription.consumer != null) {
            subscription.checked = seen;
            if (before != subscription.access) {
                send(frames.subscribed(id, subscription.access.code()));
            }
            subscription.flush();
            return;
        }
        subscription.consumer = bus.localConsumer(RecordingEvents.viewersAddress(id), message -> subscription.received(message.body()));
        // "subscribed" only once the consumer is in place: from then on no event of the recording is missed.
        subscription.consumer.completion().onSuccess(ignored -> {
            if (current(subscription)) {
                subscription.checked = seen;
                send(frames.subscribed(id, subscription.access.code()));
                subscription.flush();
            }
        });
    }

    private boolean current(Subscription subscription) {
        return !closed && subscriptions.get(subscription.recordingId) == subscription;
    }

    private void end(Subscription subscription, JsonObject frame) {
        forget(subscription);
        subscriptions.remove(subscription.recordingId);
        send(frame);
    }

    private void forget(Subscription subscription) {
        node.unindex(subscription);
        if (subscription.consumer != null) {
            subscription.consumer.unregister();
        }
        subscription.held.clear();
    }

    /** An event for this user: sent unless this socket already sent it (an event published to two addresses). */
    private void deliver(JsonObject event) {
        String id = event.getString("id");
        if (id != null && !recent.add(id)) {
            return;
        }
        if (recent.size() > RECENT_EVENTS) {
            Iterator<String> oldest = recent.iterator();
            oldest.next();
            oldest.remove();
        }
        send(event);
    }

    /** A browser that does not read must not make the server hold its backlog: past the bound, it is closed. */
    private void send(JsonObject frame) {
        if (closed) {
            return;
        }
        ws.writeTextMessage(frame.encode());
        if (ws.writeQueueFull()) {
            close(TOO_MUCH, "too slow to read");
        }
    }

    /** Any thread: the session may have ended. */
    void sessionChanged() {
        context.runOnContext(ignored -> checkSession());
    }

    private void checkSession() {
        if (closed) {
            return;
        }
        node.session(token).onComplete(result -> {
            if (result.succeeded() && result.result().isEmpty()) {
                close(SIGNED_OUT, "signed out");
            }
        });
    }

    /** Any thread, every ping period: a silent browser is closed, a live one pinged; the session may have expired. */
    void heartbeat() {
        context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            if (System.nanoTime() - lastHeard > limits.idleAfter().toNanos()) {
                close(IDLE, "no answer to pings");
                return;
            }
            ws.writePing(Buffer.buffer("lessonloop"));
            checkSession();
        });
    }

    private void heard() {
        lastHeard = System.nanoTime();
    }

    private void close(short code, String reason) {
        if (closed) {
            return;
        }
        ws.close(code, reason);
        cleanUp();
    }

    private void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        own.forEach(MessageConsumer::unregister);
        subscriptions.values().forEach(this::forget);
        subscriptions.clear();
        node.closed(this);
    }
}
