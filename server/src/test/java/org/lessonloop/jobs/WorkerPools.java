package org.lessonloop.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The worker pools one test starts, all closed after it (register with {@code @RegisterExtension}). */
final class WorkerPools implements AfterEachCallback {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Retries after 100 ms, 400 ms…; polls every 50 ms when idle; waits 500 ms for handlers on close. */
    static final Workers.Tuning FAST = new Workers.Tuning(
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), Duration.ofMillis(50), Duration.ofMillis(500));

    private final QueueDatabase q;
    private final List<Workers> started = new ArrayList<>();

    WorkerPools(QueueDatabase q) {
        this.q = q;
    }

    Workers start(String node, int concurrency, Duration lease, Workers.Tuning tuning, JobHandler... handlers) {
        Workers pool = new Workers(q.db, q.clock, node, concurrency, lease, List.of(handlers), tuning);
        started.add(pool);
        pool.start();
        return pool;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(Workers::close);
        started.clear();
    }
}
