package org.lessonloop.debriefs;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.annotations.AnnotationJson;
import org.lessonloop.annotations.Drawing;
import org.lessonloop.annotations.Visibility;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.Problems;
import org.lessonloop.problems.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's socket in a room. Everything here runs on the socket's own context; what other
 * threads learn (a frame from the bus, a change of access, a sign-out, the clock's tick) reaches it
 * through {@link #deliver}, {@link #recheck}, {@link #sessionChanged} and {@link #tick}.
 */
final class RoomSocket {
    private static final Logger LOG = LoggerFactory.getLogger(RoomSocket.class);
    /** A member buffering this long makes the room wait; the wait ends when they recover or after {@link #WAIT_AT_MOST_MS}. */
    static final long WAIT_AFTER_MS = 500;
    static final long WAIT_AT_MOST_MS = 5_000;

    private final ServerWebSocket ws;
    private final Context context;
    private final RoomSockets node;
    private final RoomSockets.Limits limits;
    private final CurrentUser me;
    private final String token;
    private final UUID debriefId;
    private final UUID socketId = UUID.randomUUID();
    private final ArrayDeque<JsonObject> early = new ArrayDeque<>();
    private final TokenBucket messages;
    private final TokenBucket commands;
    private final TokenBucket pointers;
    private final TokenBucket sketches;
    private final TokenBucket malformed;
    private final Stalls stalls = new Stalls();
    private LocalRoom room;
    private boolean welcomed;
    private boolean closed;
    private long lastHeard = System.nanoTime();
    private int rttMs;
    private boolean catchingUp;
    /** The seq of the wait this member's buffering caused, while it lasts. */
    private Long waitSeq;

    RoomSocket(ServerWebSocket ws, Context context, RoomSockets node, CurrentUser me, String token, UUID debriefId) {
        this.ws = ws;
        this.context = context;
        this.node = node;
        this.limits = node.limits;
        this.me = me;
        this.token = token;
        this.debriefId = debriefId;
        this.messages = new TokenBucket(limits.messagesPerSecond(), limits.messageBurst());
        this.commands = new TokenBucket(limits.commandsPerSecond(), limits.commandBurst());
        this.pointers = new TokenBucket(limits.pointersPerSecond(), limits.pointersPerSecond());
        this.sketches = new TokenBucket(limits.sketchesPerSecond(), limits.sketchesPerSecond());
        this.malformed = new TokenBucket(limits.malformedPerMinute() / 60.0, limits.malformedPerMinute());
    }

    UUID userId() {
        return me.id();
    }

    String tokenHash() {
        return me.sessionTokenHash();
    }

    /** Right after the upgrade: the room is checked, entered, its consumer registered, then the welcome with the state from PostgreSQL. */
    void open() {
        ws.setWriteQueueMaxSize(limits.writeQueueBytes());
        ws.textMessageHandler(this::received);
        ws.binaryMessageHandler(ignored -> {
            heard();
            invalid("Send text frames of JSON.", null);
        });
        ws.pongHandler(this::pong);
        ws.exceptionHandler(e -> LOG.debug("Debrief socket of user {} failed", me.id(), e));
        ws.closeHandler(ignored -> cleanUp());
        Blocking.call(() -> node.debriefs.join(me, debriefId)).onComplete(joined -> {
            if (joined.failed()) {
                refused(joined.cause());
            } else if (!closed) {
                room = node.enter(this, joined.result());
                room.registered().compose(registered -> Blocking.call(() -> {
                    node.presence.join(socketId, debriefId, me.id());
                    Debrief fresh = node.debriefs.join(me, debriefId);
                    return new Object[] {fresh, node.presence.of(debriefId).orElseThrow()};
                })).onComplete(loaded -> context.runOnContext(ignored -> {
                    if (loaded.failed()) {
                        refused(loaded.cause());
                    } else {
                        welcome((Debrief) loaded.result()[0], (Presence.Snapshot) loaded.result()[1]);
                    }
                }));
            }
        });
    }

    private void welcome(Debrief fresh, Presence.Snapshot presence) {
        room.offer(fresh.state());
        room.tookPresence(presence);
        send(RoomFrames.welcome(me, fresh, presence, node.clock.millis()));
        welcomed = true;
        while (!early.isEmpty() && !closed) {
            send(early.poll());
        }
        node.publish(debriefId, LocalRoom.presenceChanged());
    }

    private void refused(Throwable cause) {
        switch (cause) {
            case ProblemException.NotFound notFound -> close(RoomFrames.NO_SUCH_ROOM, "no such debrief, or not yours to join");
            case ProblemException.Conflict ended -> close(RoomFrames.ENDED, "the debrief has ended");
            default -> {
                LOG.warn("Could not let user {} into debrief {}", me.id(), debriefId, cause);
                close(RoomFrames.SERVER_ERROR, "the room could not be opened; try again");
            }
        }
    }

    private void received(String text) {
        heard();
        if (closed) {
            return;
        }
        if (text.length() > limits.maxFrameChars()) {
            close(RoomFrames.TOO_BIG, "a frame is at most " + limits.maxFrameChars() + " characters");
            return;
        }
        if (!messages.take()) {
            close(RoomFrames.FLOOD, "too many messages");
            return;
        }
        JsonObject frame;
        try {
            frame = ClientFrames.parse(text);
        } catch (ProblemException e) {
            invalid(e.detail(), null);
            return;
        }
        if (!welcomed) {
            send(RoomFrames.error("not-ready", "Wait for the welcome before sending.", null));
            return;
        }
        String commandId = frame.getValue("commandId") instanceof String id ? id : null;
        try {
            handle(frame, commandId);
        } catch (ProblemException e) {
            invalid(e.detail(), commandId);
        }
    }

    private void handle(JsonObject frame, String commandId) {
        switch (frame.getValue("type") instanceof String type ? type : "") {
            case "time" -> send(RoomFrames.time(ClientFrames.t0(frame), node.clock.millis()));
            case "command" -> {
                if (!commands.take()) {
                    send(RoomFrames.error("rate-limited", "At most " + (int) limits.commandsPerSecond()
                            + " commands a second; this one was dropped.", commandId));
                } else {
                    run(Command.parse(frame), commandId);
                }
            }
            case "status" -> status(ClientFrames.buffering(frame));
            case "pointer" -> {
                JsonObject spot = ClientFrames.pointer(frame);
                if (pointers.take()) {
                    node.publish(debriefId, spot.put("type", "pointer").put("by", me.id().toString()));
                }
            }
            case "sketch" -> {
                var shapes = Drawing.json(Drawing.parseAll(frame.getValue("shapes"), "shapes"));
                if (sketches.take()) {
                    node.publish(debriefId, new JsonObject().put("type", "sketch").put("by", me.id().toString()).put("shapes", shapes));
                }
            }
            case "comment" -> comment(ClientFrames.comment(frame), commandId);
            case "presenter" -> {
                var to = ClientFrames.presenter(frame);
                answer(Blocking.call(() -> node.actions.handOver(me, debriefId, to)), commandId,
                        handedOver -> node.publish(debriefId, LocalRoom.presenceChanged()));
            }
            default -> throw ProblemException.invalid("'type' must be time, command, status, pointer, sketch, comment or presenter.");
        }
    }

    /** Committed in PostgreSQL, then published to every node's participants; a stale one is answered to this socket alone. */
    private void run(Command command, String commandId) {
        long effectiveAt = node.clock.millis() + room.leadMs();
        answer(Blocking.call(() -> node.actions.command(me, debriefId, command, effectiveAt)), commandId, outcome -> {
            if (outcome.stale()) {
                if (!command.action().byRoom()) {
                    send(RoomFrames.error("stale", "The room moved on (seq " + outcome.state().seq() + ") before this command; "
                            + "its state follows.", commandId));
                    send(RoomFrames.state(outcome.state(), outcome.state().atServerTime(), "snapshot", null, null));
                }
                return;
            }
            if (command.action() == Command.Action.WAIT) {
                waitSeq = outcome.state().seq();
            }
            node.publish(debriefId, RoomFrames.state(outcome.state(), effectiveAt, command.action().code(), me.id(), commandId));
        });
    }

    private void comment(RoomActions.RoomComment draft, String commandId) {
        answer(Blocking.call(() -> node.actions.comment(me, debriefId, draft)), commandId, saved -> {
            JsonObject frame = new JsonObject().put("type", "comment").put("comment", AnnotationJson.comment(saved)).put("commandId", commandId);
            node.publish(debriefId, draft.visibility() == Visibility.PRIVATE ? frame.put("to", me.id().toString()) : frame);
        });
    }

    /** A blocking call's answer, back on this socket's context: done, or an error frame (or a close when access is gone). */
    private <T> void answer(io.vertx.core.Future<T> call, String commandId, java.util.function.Consumer<T> done) {
        call.onComplete(result -> context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            if (result.succeeded()) {
                done.accept(result.result());
                return;
            }
            switch (result.cause()) {
                case ProblemException.NotFound gone -> recheck();
                case ProblemException.Conflict ended when ended.detail().contains("ended") -> close(RoomFrames.ENDED, "the debrief has ended");
                case ProblemException.Forbidden refused when RoomActions.NOT_PRESENTER.equals(refused.detail()) ->
                        send(RoomFrames.error("not-presenter", refused.detail(), commandId));
                case ProblemException problem -> send(RoomFrames.error(Problems.status(problem) == 400 ? "invalid" : "refused",
                        problem.detail(), commandId));
                default -> {
                    LOG.warn("Debrief {}: a message of user {} failed", debriefId, me.id(), result.cause());
                    send(RoomFrames.error("unavailable", "That did not go through; try again.", commandId));
                }
            }
        }));
    }

    /** Buffering: the room waits for this member (debounced), unless they keep stalling and are left to catch up. */
    private void status(boolean buffering) {
        long now = System.currentTimeMillis();
        if (!stalls.report(buffering, now)) {
            return;
        }
        catchingUp = stalls.catchingUp(now);
        writePresence(true);
        if (buffering && !catchingUp) {
            context.owner().setTimer(WAIT_AFTER_MS, ignored -> context.runOnContext(v -> {
                RoomState state = room.state();
                if (!closed && stalls.buffering() && !stalls.catchingUp(System.currentTimeMillis()) && waitSeq == null && !state.paused()) {
                    run(Command.internal(Command.Action.WAIT, state.seq()), null);
                }
            }));
        } else if (!buffering) {
            resume();
        }
    }

    private void resume() {
        if (waitSeq != null) {
            run(Command.internal(Command.Action.RESUME, waitSeq), null);
            waitSeq = null;
        }
    }

    /** Any thread: a frame for this participant (buffered until the welcome is sent, which it must follow). */
    void deliver(JsonObject frame) {
        context.runOnContext(ignored -> {
            if (welcomed) {
                send(frame);
            } else if (early.size() < limits.earlyFrames()) {
                early.add(frame);
            } else {
                close(RoomFrames.NOT_READING, "too many messages before the welcome");
            }
        });
    }

    void ended(JsonObject message) {
        context.runOnContext(ignored -> {
            send(message);
            close(RoomFrames.ENDED, "the debrief has ended");
        });
    }

    /** A browser that does not read must not make the server hold its backlog: past the bound, it is closed. */
    private void send(JsonObject frame) {
        if (closed) {
            return;
        }
        ws.writeTextMessage(frame.encode());
        if (ws.writeQueueFull()) {
            close(RoomFrames.NOT_READING, "not reading: too much unread");
        }
    }

    private void invalid(String detail, String commandId) {
        send(RoomFrames.error("invalid", detail, commandId));
        if (!malformed.take()) {
            close(RoomFrames.MALFORMED, "too many malformed messages");
        }
    }

    /** Any thread: who may view the room's recordings changed; a participant who may no longer leaves at once. */
    void recheck() {
        Blocking.call(() -> node.debriefs.standing(me.id(), debriefId, room == null ? java.util.Set.of() : room.recordingIds))
                .onComplete(result -> context.runOnContext(ignored -> {
                    if (result.failed()) {
                        LOG.warn("Could not check user {}'s access to debrief {}", me.id(), debriefId, result.cause());
                        return;
                    }
                    switch (result.result()) {
                        case ACCESS_REVOKED -> close(RoomFrames.ACCESS_ENDED, "access-revoked");
                        case RECORDING_DELETED -> close(RoomFrames.ACCESS_ENDED, "recording-deleted");
                        case ENDED -> close(RoomFrames.ENDED, "the debrief has ended");
                        case IN -> { }
                    }
                }));
    }

    /** Any thread: the session may have ended. */
    void sessionChanged() {
        Blocking.call(() -> node.sessions.find(token)).onComplete(result -> {
            if (result.succeeded() && result.result().isEmpty()) {
                context.runOnContext(ignored -> close(RoomFrames.SIGNED_OUT, "signed out"));
            }
        });
    }

    /** Any thread, every second: pings (round trips), silent browsers closed, a long wait ended, presence refreshed. */
    void tick(boolean refresh) {
        context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            if (System.nanoTime() - lastHeard > limits.idleAfter().toNanos()) {
                close(RoomFrames.NOT_READING, "no answer to pings");
                return;
            }
            ws.writePing(Buffer.buffer(Long.toString(System.nanoTime())));
            long now = System.currentTimeMillis();
            if (waitSeq != null && now - stalls.bufferingSince() > WAIT_AT_MOST_MS) {
                resume();
            }
            boolean wasCatchingUp = catchingUp;
            catchingUp = stalls.catchingUp(now);
            if (welcomed && (refresh || wasCatchingUp != catchingUp)) {
                writePresence(wasCatchingUp != catchingUp);
            }
        });
    }

    private void pong(Buffer payload) {
        heard();
        try {
            rttMs = (int) Math.min(10_000, (System.nanoTime() - Long.parseLong(payload.toString())) / 1_000_000);
        } catch (NumberFormatException e) {
            // an unsolicited pong (RFC 6455 §5.5.3 allows them): not a measurement
        }
    }

    private void writePresence(boolean tell) {
        int rtt = rttMs;
        boolean buffering = stalls.buffering();
        boolean behind = catchingUp;
        Blocking.call(() -> node.presence.update(socketId, rtt, buffering, behind)).onSuccess(updated -> {
            if (tell) {
                node.publish(debriefId, LocalRoom.presenceChanged());
            }
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
        early.clear();
        node.leave(this, room);
        if (room != null) {
            Blocking.call(() -> {
                node.presence.leave(socketId);
                return null;
            }).onComplete(left -> node.publish(debriefId, LocalRoom.presenceChanged()));
        }
    }
}
