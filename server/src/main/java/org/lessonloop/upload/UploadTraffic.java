package org.lessonloop.upload;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.lessonloop.architecture.FeatureApi;

/** What this node's uploads are doing: bytes taken in since start, and requests writing now (metrics). */
@FeatureApi
public final class UploadTraffic {
    private final LongAdder bytes = new LongAdder();
    private final AtomicInteger active = new AtomicInteger();

    public long bytesReceived() {
        return bytes.sum();
    }

    public int active() {
        return active.get();
    }

    /**
     * Waits (up to {@code bound}) for the requests writing now to end. A request cut by a stop still
     * stores what it received, which needs the database and storage: close them only after this.
     */
    public boolean awaitIdle(java.time.Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return active.get() == 0;
    }

    void received(int count) {
        bytes.add(count);
    }

    void started() {
        active.incrementAndGet();
    }

    void ended() {
        active.decrementAndGet();
    }
}
