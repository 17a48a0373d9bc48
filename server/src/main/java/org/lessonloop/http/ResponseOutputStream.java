package org.lessonloop.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP response body as an {@link OutputStream}, for a blocking writer (a virtual thread) that
 * produces a body of unknown length, such as a ZIP: bytes go out in 64 KiB chunks, and a write
 * blocks while the response's write queue is full ({@link ResponseWrites}), so a slow client slows
 * the writer instead of filling the heap.
 */
public final class ResponseOutputStream extends OutputStream {
    private static final int CHUNK = 64 * 1024;

    private final ResponseWrites writes;
    private byte[] chunk = new byte[CHUNK];
    private int filled;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    private long written;

    /** Must be called on the response's context; the status and headers are set, the body is chunked. */
    public ResponseOutputStream(HttpServerResponse response) {
        response.setChunked(true);
        this.writes = new ResponseWrites(response, IOException::new);
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
        writes.await(previous);
        writes.end();
    }

    /** Cuts the connection: a body broken half-way must not look complete to the client. */
    public void abort() {
        writes.reset();
    }

    /** Queues the full chunk and waits for the one before it: one chunk in flight beyond a full queue. */
    private void send() throws IOException {
        Buffer out = Buffer.buffer(filled == CHUNK ? chunk : Arrays.copyOf(chunk, filled));
        written += filled;
        chunk = new byte[CHUNK];
        filled = 0;
        CompletableFuture<Void> ready = writes.write(out);
        writes.await(previous);
        previous = ready;
    }
}
