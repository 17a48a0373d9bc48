package org.lessonloop.upload;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What this node's uploads are doing: bytes taken in since start, and requests writing now (metrics). */
public final class UploadTraffic {
    private final LongAdder bytes = new LongAdder();
    private final AtomicInteger active = new AtomicInteger();

    public long bytesReceived() {
        return bytes.sum();
    }

    public int active() {
        return active.get();
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
