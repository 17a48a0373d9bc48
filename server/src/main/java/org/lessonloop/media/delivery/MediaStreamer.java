package org.lessonloop.media.delivery;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lessonloop.http.Blocking;

/**
 * Copies an object-storage stream into an HTTP response without holding the object in memory: a
 * virtual thread reads chunks and hands them to the event loop, at most one chunk ahead of a
 * response whose write queue is full, so a slow player slows the S3 read instead of filling the
 * heap. A player that goes away or stalls stops the copy, which closes the S3 stream.
 */
public final class MediaStreamer {
    private static final int CHUNK = 64 * 1024;
    /** A player that reads nothing for this long is dropped, freeing its thread and storage connection. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    /** The player closed the connection or stopped reading: normal when it seeks, nothing to report. */
    public static final class PlayerGone extends IOException {
        PlayerGone(String message) {
            super(message);
        }
    }

    private final HttpServerResponse response;
    private final Context context;
    /** Chunks written while the write queue was full, released when it drains; touched on the event loop only. */
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

    /** Must be called on the response's context. */
    private MediaStreamer(HttpServerResponse response) {
        this.response = response;
        this.context = Vertx.currentContext();
        response.drainHandler(ignored -> release(null));
        response.closeHandler(ignored -> release(new PlayerGone("The player closed the connection")));
    }

    /**
     * Sends exactly {@code length} bytes of {@code in} as the body (the status and headers are already
     * set) and ends the response; closes {@code in}. Fails if the stream breaks or ends early, or with
     * {@link PlayerGone}; the caller then drops the connection, as a body cut short must not look complete.
     */
    public static Future<Void> send(HttpServerResponse response, InputStream in, long length) {
        response.putHeader("Content-Length", Long.toString(length));
        MediaStreamer streamer = new MediaStreamer(response);
        return Blocking.transfer(() -> {
            try (in) {
                streamer.copy(in, length);
            }
            return null;
        });
    }

    private void copy(InputStream in, long length) throws IOException {
        long remaining = length;
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        while (remaining > 0) {
            byte[] chunk = in.readNBytes((int) Math.min(CHUNK, remaining));
            if (chunk.length == 0) {
                throw new IOException("Object storage ended the stream " + remaining + " bytes early");
            }
            remaining -= chunk.length;
            // Read the next chunk while the event loop writes this one: one chunk in flight at most.
            CompletableFuture<Void> current = write(Buffer.buffer(chunk));
            await(previous);
            previous = current;
        }
        await(previous);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        context.runOnContext(ignored -> response.end().onComplete(r -> ended.complete(null)));
        ended.join();
    }

    /** Queues one chunk on the event loop; the result completes when there is room for more. */
    private CompletableFuture<Void> write(Buffer chunk) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            if (response.closed()) {
                ready.completeExceptionally(new PlayerGone("The player closed the connection"));
                return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                waiting.add(ready);
            } else {
                ready.complete(null);
            }
        });
        return ready;
    }

    private void release(PlayerGone failure) {
        waiting.forEach(ready -> {
            if (failure == null) {
                ready.complete(null);
            } else {
                ready.completeExceptionally(failure);
            }
        });
        waiting.clear();
    }

    private static void await(CompletableFuture<Void> ready) throws IOException {
        try {
            ready.get(STALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PlayerGone("The player read nothing for " + STALL_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while streaming", e);
        }
    }
}
