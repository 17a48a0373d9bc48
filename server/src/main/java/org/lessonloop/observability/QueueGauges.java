package org.lessonloop.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.QueueDepth;

/**
 * The job queue by kind, read from PostgreSQL when /metrics is scraped (the queue is shared, so
 * every node shows the same): queued, due, running, and the oldest due job's wait. A kind once seen
 * stays at zero rather than vanishing, so a graph shows the queue emptied.
 */
final class QueueGauges {
    private final JobQueue queue;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, MultiGauge> gauges = new TreeMap<>();

    QueueGauges(JobQueue queue, MeterRegistry registry) {
        this.queue = queue;
        gauges.put("queued", gauge(registry, "lessonloop.jobs.queued", "Jobs waiting, due or waiting out a retry", null));
        gauges.put("due", gauge(registry, "lessonloop.jobs.due", "Jobs that could run now", null));
        gauges.put("running", gauge(registry, "lessonloop.jobs.running", "Jobs a worker holds", null));
        gauges.put("wait", gauge(registry, "lessonloop.jobs.oldest.due.wait", "How long the longest-waiting due job has waited",
                "seconds"));
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description, String unit) {
        return MultiGauge.builder(name).description(description).baseUnit(unit).register(registry);
    }

    /** Reads the queue (blocking) and updates the gauges; returns what it read. */
    List<QueueDepth> refresh() {
        List<QueueDepth> depth = queue.depth();
        Map<String, QueueDepth> byKind = new TreeMap<>();
        depth.forEach(d -> byKind.put(d.kind(), d));
        seen.addAll(byKind.keySet());
        set("queued", byKind, QueueDepth::queued);
        set("due", byKind, QueueDepth::due);
        set("running", byKind, QueueDepth::running);
        set("wait", byKind, d -> d.oldestDueWait().toMillis() / 1000.0);
        return depth;
    }

    private void set(String gauge, Map<String, QueueDepth> byKind, ToDoubleFunction<QueueDepth> value) {
        QueueDepth empty = new QueueDepth("", 0, 0, 0, Duration.ZERO);
        gauges.get(gauge).register(seen.stream()
                .map(kind -> MultiGauge.Row.of(Tags.of("kind", kind), value.applyAsDouble(byKind.getOrDefault(kind, empty))))
                .toList(), true);
    }
}
