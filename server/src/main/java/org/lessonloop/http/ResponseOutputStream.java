package org.lessonloop.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP response body as an {@link OutputStream}, for a blocking writer (a virtual thread) that
 * produces a body of unknown length, such as a ZIP: bytes go out in 64 KiB chunks, and a write
 * blocks while the response's write queue is full, so a slow client slows the writer instead of
 * filling the heap (at most one chunk is queued beyond a full queue). The same back-pressure as
 * media delivery's streamer, for bodies without a known length.
 */
public final class ResponseOutputStream extends OutputStream {
    private static final int CHUNK = 64 * 1024;
    /** A client that reads nothing for this long is dropped, freeing the writer's thread and storage connections. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final HttpServerResponse response;
    private final Context context;
    /** Chunks written while the write queue was full, released when it drains; touched on the event loop only. */
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private byte[] chunk = new byte[CHUNK];
    private int filled;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    private long written;

    /** Must be called on the response's context; the status and headers are set, the body is chunked. */
    public ResponseOutputStream(HttpServerResponse response) {
        this.response = response;
        this.context = Vertx.currentContext();
        response.setChunked(true);
        response.drainHandler(ignored -> release(null));
        response.closeHandler(ignored -> release(new IOException("The client closed the connection")));
    }

    /** Bytes handed to the response so far. */
    public long written() {
        return written + filled;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == CHUNK) {
            send();
        }
        chunk[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == CHUNK) {
                send();
            }
            int n = Math.min(length, CHUNK - filled);
            System.arraycopy(bytes, offset, chunk, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Sends what is buffered and ends the response. */
    @Override
    public void close() throws IOException {
        if (filled > 0) {
            send();
        }
        await(previous);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        context.runOnContext(ignored -> response.end().onComplete(r -> ended.complete(null)));
        ended.join();
    }

    /** Cuts the connection: a body broken half-way must not look complete to the client. */
    public void abort() {
        context.runOnContext(ignored -> response.reset());
    }

    /** Queues the full chunk and waits for the one before it: one chunk in flight beyond a full queue. */
    private void send() throws IOException {
        Buffer out = Buffer.buffer(filled == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, filled));
        written += filled;
        chunk = new byte[CHUNK];
        filled = 0;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            if (response.closed()) {
                ready.completeExceptionally(new IOException("The client closed the connection"));
                return;
            }
            response.write(out);
            if (response.writeQueueFull()) {
                waiting.add(ready);
            } else {
                ready.complete(null);
            }
        });
        await(previous);
        previous = ready;
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

    private static void await(CompletableFuture<Void> ready) throws IOException {
        try {
            ready.get(STALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("The client read nothing for " + STALL_LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while streaming", e);
        }
    }
}
