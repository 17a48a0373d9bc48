package org.lessonloop.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A browser page's live channel (GET /api/live) for tests: the signed-in client's cookie, the
 * page's Origin, every frame kept with the moment it arrived.
 */
public final class LiveClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A frame and when it arrived ({@link System#nanoTime}). */
    public record Frame(JsonObject json, long receivedNanos) {
        public String type() {
            return json.getString("type");
        }

        public String recordingId() {
            return json.getString("recordingId");
        }

        public JsonObject data() {
            return json.getJsonObject("data");
        }
    }

    private final BlockingQueue<Frame> unread = new LinkedBlockingQueue<>();
    private final List<Frame> all = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private LiveClient(ApiClient client, String origin) {
        URI base = client.base();
        URI uri = URI.create("ws://" + base.getAuthority() + "/api/live");
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(WAIT)
                .header("Cookie", client.cookieHeader());
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Opened from one of the server's own pages, as the web app does; waits for the welcome frame. */
    public static LiveClient open(ApiClient client) {
        LiveClient live = new LiveClient(client, client.base().getScheme() + "://" + client.base().getAuthority());
        live.next(frame -> frame.type().equals("welcome"));
        return live;
    }

    /** The HTTP status that refused the upgrade from a page of {@code origin} (null: no Origin header), or 101. */
    public static int upgradeStatus(ApiClient client, String origin) {
        try {
            new LiveClient(client, origin).close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public void send(JsonObject message) {
        socket.sendText(message.encode(), true).join();
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Subscribes and returns the answer: {@code subscribed} or {@code error}. */
    public Frame subscribe(String recordingId) {
        send(new JsonObject().put("type", "subscribe").put("recordingId", recordingId));
        return next(frame -> recordingId.equals(frame.recordingId())
                && (frame.type().equals("subscribed") || frame.type().equals("error")));
    }

    /** The next frame that matches, skipping others; fails after the wait. */
    public Frame next(Predicate<Frame> wanted) {
        return next(wanted, WAIT);
    }

    public Frame next(Predicate<Frame> wanted, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Frame frame = left <= 0 ? null : unread.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("No matching frame within " + wait + "; received: " + received());
                }
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next event of this type about this recording. */
    public Frame nextEvent(String type, String recordingId) {
        return next(frame -> frame.type().equals(type) && recordingId.equals(frame.recordingId()));
    }

    /** Every frame received so far, read or not. */
    public List<JsonObject> received() {
        synchronized (all) {
            return all.stream().map(Frame::json).toList();
        }
    }

    /** The close code the server sent, waiting for it. */
    public int awaitClose(Duration wait) {
        try {
            return closeCode.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("The socket was not closed within " + wait + "; received: " + received(), e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!closeCode.isDone()) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                Frame frame = new Frame(new JsonObject(text.toString()), System.nanoTime());
                text.setLength(0);
                synchronized (all) {
                    all.add(frame);
                }
                unread.add(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
