package org.lessonloop.upload;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request body as a blocking InputStream for a virtual thread, with back-pressure: the request
 * is paused while more than {@code HIGH_WATER} chunks wait, so memory stays bounded whatever the
 * upload size. A dropped connection or a silent client ends the stream with an IOException.
 */
final class RequestBodyStream extends InputStream {
    private static final int HIGH_WATER = 64;
    private static final int LOW_WATER = 16;
    private static final Object END = new Object();

    private final HttpServerRequest request;
    private final Context context;
    private final Duration idleTimeout;
    private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean paused;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** Must be called on the request's context, while the request is paused. */
    RequestBodyStream(HttpServerRequest request, Context context, Duration idleTimeout) {
        this.request = request;
        this.context = context;
        this.idleTimeout = idleTimeout;
        request.handler(this::onChunk);
        request.endHandler(ignored -> chunks.add(END));
        request.exceptionHandler(chunks::add);
        request.resume();
    }

    private void onChunk(Buffer buffer) {
        chunks.add(buffer.getBytes());
        if (waiting.incrementAndGet() >= HIGH_WATER && !paused) {
            paused = true;
            request.pause();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended || !nextChunk()) {
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, target, offset, count);
        position += count;
        return count;
    }

    private boolean nextChunk() throws IOException {
        Object next;
        try {
            next = chunks.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for upload bytes", e);
        }
        if (next == null) {
            throw new IOException("The client sent nothing for " + idleTimeout.toSeconds() + " s");
        }
        if (next == END) {
            ended = true;
            return false;
        }
        if (next instanceof Throwable failure) {
            ended = true;
            throw new IOException("The upload connection broke: " + failure.getMessage(), failure);
        }
        current = (byte[]) next;
        position = 0;
        if (waiting.decrementAndGet() <= LOW_WATER && paused) {
            paused = false;
            context.runOnContext(ignored -> request.resume());
        }
        return true;
    }
}
