package org.lessonloop.debriefs;

import io.vertx.core.Context;
import io.vertx.core.Future;
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
import org.lessonloop.http.TokenBucket;
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
    private final Waits waits;
    private LocalRoom room;
    private boolean welcomed;
    private boolean closed;
    private Future<?> presenceWritten = Future.succeededFuture();
    private long lastHeard = System.nanoTime();
    private int rttMs;
    /** The participant's last action: the next one starts when it is done. */
    private Future<?> inOrder = Future.succeededFuture();

    /** What a participant is welcomed with: the room as stored now, and who is in it. */
    private record Entry(Debrief room, Presence.Snapshot presence) {
    }

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
        this.waits = new Waits(new Waits.Member() {
            @Override
            public RoomState roomState() {
                return room.state();
            }

            @Override
            public void run(Command command) {
                RoomSocket.this.run(command, null);
            }

            @Override
            public void later(long delayMs, Runnable action) {
                context.owner().setTimer(delayMs, ignored -> context.runOnContext(v -> {
                    if (!closed) {
                        action.run();
                    }
                }));
            }

            @Override
            public void changed() {
                writePresence(true);
            }
        });
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
                    return new Entry(node.debriefs.join(me, debriefId), node.presence.of(debriefId).orElseThrow());
                })).onComplete(loaded -> context.runOnContext(ignored -> {
                    if (closed) {
                        forgetPresence(); // it went while being let in: its row must not linger
                    } else if (loaded.failed()) {
                        refused(loaded.cause());
                    } else {
                        welcome(loaded.result().room(), loaded.result().presence());
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
            case "status" -> waits.report(ClientFrames.buffering(frame), System.currentTimeMillis());
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
                answer(() -> node.actions.handOver(me, debriefId, to), commandId,
                        handedOver -> node.publish(debriefId, LocalRoom.presenceChanged()));
            }
            default -> throw ProblemException.invalid("'type' must be time, command, status, pointer, sketch, comment or presenter.");
        }
    }

    /** Committed in PostgreSQL, then published to every node's participants; a stale one is answered to this socket alone. */
    private void run(Command command, String commandId) {
        answer(() -> node.actions.command(me, debriefId, command, node.clock.millis() + room.leadMs()), commandId, outcome -> {
            if (outcome.stale()) {
                if (!command.action().byRoom()) {
                    send(RoomFrames.error("stale", "The room moved on (seq " + outcome.state().seq() + ") before this command; "
                            + "its state follows.", commandId));
                    send(RoomFrames.state(outcome.state(), outcome.state().atServerTime(), "snapshot", null, null));
                }
                return;
            }
            if (command.action() == Command.Action.WAIT) {
                waits.waiting(outcome.state().seq());
            }
            RoomState state = outcome.state();
            node.publish(debriefId, RoomFrames.state(state, state.atServerTime(), command.action().code(), me.id(), commandId));
        });
    }

    private void comment(RoomActions.RoomComment draft, String commandId) {
        answer(() -> node.actions.comment(me, debriefId, draft), commandId, saved -> {
            JsonObject frame = new JsonObject().put("type", "comment").put("comment", AnnotationJson.comment(saved)).put("commandId", commandId);
            node.publish(debriefId, draft.visibility() == Visibility.PRIVATE ? frame.put("to", me.id().toString()) : frame);
        });
    }

    /**
     * Runs a participant's action after the ones they sent before it (in the order sent: a seek
     * then a play must not swap), then answers on this socket's context: done, or an error frame
     * (or a close when access is gone).
     */
    private <T> void answer(Blocking.Task<T> task, String commandId, java.util.function.Consumer<T> done) {
        Future<T> call = inOrder.transform(previous -> Blocking.call(task));
        inOrder = call;
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
            boolean catchingUpChanged = waits.tick(System.currentTimeMillis());
            if (welcomed && (refresh || catchingUpChanged)) {
                writePresence(catchingUpChanged);
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

    /**
     * One write at a time, each with what is true when it starts: two in flight could land in either
     * order, and a "waiting" overtaking the "seeked" after it left "Loading video…" on a loaded player.
     */
    private void writePresence(boolean tell) {
        presenceWritten = presenceWritten.eventually(() -> {
            int rtt = rttMs;
            boolean buffering = waits.buffering();
            boolean behind = waits.catchingUp();
            return Blocking.call(() -> node.presence.update(socketId, rtt, buffering, behind)).onSuccess(updated -> {
                if (tell) {
                    node.publish(debriefId, LocalRoom.presenceChanged());
                }
            });
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
            forgetPresence();
        }
    }

    private void forgetPresence() {
        Blocking.call(() -> {
            node.presence.leave(socketId);
            return null;
        }).onComplete(left -> node.publish(debriefId, LocalRoom.presenceChanged()));
    }
}
