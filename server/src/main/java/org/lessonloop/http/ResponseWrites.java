package org.lessonloop.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Hands a blocking writer's chunks (on a virtual thread) to a response on its event loop with
 * back-pressure: a write's future completes once the response's write queue has room again, and
 * a writer that waits for the previous one before it queues the next keeps at most one chunk beyond
 * a full queue, so a slow client slows the writer instead of filling the heap. A client that goes
 * away, or reads nothing for a minute, fails the wait with the exception {@code gone} makes.
 */
public final class ResponseWrites {
    /** A client that reads nothing for this long is dropped, freeing the writer's thread and storage connections. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final HttpServerResponse response;
    private final Context context;
    private final Function<String, IOException> gone;
    /** Chunks written while the write queue was full, released when it drains; touched on the event loop only. */
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

    /** Must be called on the response's context. */
    public ResponseWrites(HttpServerResponse response, Function<String, IOException> gone) {
        this.response = response;
        this.context = Vertx.currentContext();
        this.gone = gone;
        response.drainHandler(ignored -> release(null));
        response.closeHandler(ignored -> release(gone.apply("The client closed the connection")));
    }

    /** Queues one chunk on the event loop; the result completes when there is room for more. */
    public CompletableFuture<Void> write(Buffer chunk) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            if (response.closed()) {
                ready.completeExceptionally(gone.apply("The client closed the connection"));
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

    /** Blocks the writer until {@code ready} completes, at most the stall limit. */
    public void await(CompletableFuture<Void> ready) throws IOException {
        try {
            ready.get(STALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw gone.apply("The client read nothing for " + STALL_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while streaming", e);
        }
    }

    /** Ends the response and waits until it has gone out. */
    public void end() {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        context.runOnContext(ignored -> response.end().onComplete(r -> ended.complete(null)));
        ended.join();
    }

    /** Cuts the connection: a body broken half-way must not look complete to the client. */
    public void reset() {
        context.runOnContext(ignored -> response.reset());
    }

    private void release(IOException failure) {
        waiting.forEach(ready -> {
            if (failure == null) {
                ready.complete(null);
            } else {
                ready.completeExceptionally(failure);
            }
        });
        waiting.clear();
    }
}
