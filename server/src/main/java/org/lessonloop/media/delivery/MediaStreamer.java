package org.lessonloop.media.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.ResponseWrites;

/**
 * Copies an object-storage stream into an HTTP response without holding the object in memory: a
 * virtual thread reads chunks and hands them to the event loop, at most one chunk ahead of a
 * response whose write queue is full ({@link ResponseWrites}), so a slow player slows the S3 read
 * instead of filling the heap. A player that goes away or stalls stops the copy, which closes the
 * S3 stream.
 */
public final class MediaStreamer {
    private static final int CHUNK = 64 * 1024;

    /** The player closed the connection or stopped reading: normal when it seeks, nothing to report. */
    public static final class PlayerGone extends IOException {
        PlayerGone(String message) {
            super(message);
        }
    }

    private MediaStreamer() {
    }

    /**
     * Sends exactly {@code length} bytes of {@code in} as the body (the status and headers are already
     * set) and ends the response; closes {@code in}. Fails if the stream breaks or ends early, or with
     * {@link PlayerGone}; the caller then drops the connection, as a body cut short must not look complete.
     */
    public static Future<Void> send(HttpServerResponse response, InputStream in, long length) {
        response.putHeader("Content-Length", Long.toString(length));
        ResponseWrites writes = new ResponseWrites(response, PlayerGone::new);
        return Blocking.transfer(() -> {
            try (in) {
                copy(in, length, writes);
            }
            return null;
        });
    }

    private static void copy(InputStream in, long length, ResponseWrites writes) throws IOException {
        long remaining = length;
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        while (remaining > 0) {
            byte[] chunk = in.readNBytes((int) Math.min(CHUNK, remaining));
            if (chunk.length == 0) {
                throw new IOException("Object storage ended the stream " + remaining + " bytes early");
            }
            remaining -= chunk.length;
            // Read the next chunk while the event loop writes this one: one chunk in flight at most.
            CompletableFuture<Void> current = writes.write(Buffer.buffer(chunk));
            writes.await(previous);
            previous = current;
        }
        writes.await(previous);
        writes.end();
    }
}
