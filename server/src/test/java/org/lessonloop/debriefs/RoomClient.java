package org.lessonloop.debriefs;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.lessonloop.testing.ApiClient;

/**
 * A participant's browser in a debrief room, for tests: a real Vert.x WebSocket with the signed-in
 * client's cookie and the page's Origin; every frame kept, and the close code with its reason.
 */
final class RoomClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    record Closed(int code, String reason) {
    }

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> unread = new LinkedBlockingQueue<>();
    private final List<JsonObject> all = new ArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    JsonObject welcome;

    private RoomClient(Vertx vertx, ApiClient who, String debriefId) {
        client = vertx.createWebSocketClient();
        var base = who.base();
        var options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI("/api/debriefs/" + debriefId + "/socket").setAllowOriginHeader(false)
                .addHeader("Cookie", who.cookieHeader()).addHeader("Origin", "http://" + base.getAuthority());
        // The handlers are set as the socket opens, on its event loop: no frame arrives before them.
        socket = client.connect(options).onSuccess(ws -> {
            ws.textMessageHandler(text -> {
                JsonObject frame = new JsonObject(text);
                synchronized (all) {
                    all.add(frame);
                }
                unread.add(frame);
            });
            ws.closeHandler(ignored -> closed.complete(new Closed(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode(),
                    ws.closeReason())));
        }).await();
    }

    /** Joined: the welcome has arrived. */
    static RoomClient join(Vertx vertx, ApiClient who, String debriefId) {
        RoomClient room = connect(vertx, who, debriefId);
        room.welcome = room.next("welcome");
        return room;
    }

    /** Connected, whatever the room says next (a refusal is a close). */
    static RoomClient connect(Vertx vertx, ApiClient who, String debriefId) {
        return new RoomClient(vertx, who, debriefId);
    }

    void send(JsonObject frame) {
        socket.writeTextMessage(frame.encode()).await();
    }

    void sendText(String text) {
        socket.writeTextMessage(text).await();
    }

    /** Sends a command on the state this client last saw; returns its commandId. */
    String command(String action, JsonObject fields, Long basedOnSeq) {
        String id = UUID.randomUUID().toString();
        JsonObject frame = fields.copy().put("type", "command").put("action", action).put("commandId", id);
        if (basedOnSeq != null) {
            frame.put("basedOnSeq", basedOnSeq);
        }
        send(frame);
        return id;
    }

    JsonObject next(String type) {
        return next(frame -> type.equals(frame.getString("type")));
    }

    /** The state frame caused by this command. */
    JsonObject stateOf(String commandId) {
        return next(frame -> "state".equals(frame.getString("type"))
                && commandId.equals(frame.getJsonObject("cause").getString("commandId")));
    }

    JsonObject next(Predicate<JsonObject> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonObject frame = left <= 0 ? null : unread.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("No matching frame within " + WAIT + "; received: " + received()
                            + (closed.isDone() ? "; closed: " + closed.getNow(null) : ""));
                }
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    List<JsonObject> received() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    Closed awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("Not closed within " + wait + "; received: " + received(), e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.close();
        }
        client.close();
    }
}
