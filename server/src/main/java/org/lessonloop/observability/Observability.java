package org.lessonloop.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import org.lessonloop.cluster.ClusterMembership;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.database.CoherentCache;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseChanges;
import org.lessonloop.http.ApiRouter;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.JobOutcomes;
import org.lessonloop.upload.UploadTraffic;

/**
 * What an operator sees of a node: metrics at /metrics (Vert.x's HTTP, WebSocket and pool meters,
 * HikariCP's, the JVM's and ours), readiness checks beyond the database and storage, one log line
 * per request, and the log format. Application hands it the parts to watch; nothing here changes
 * what they do.
 */
public final class Observability {
    /** HTTP latency buckets: from a cached timeline read (ms) to a slow export (s). */
    private static final Duration[] HTTP_BUCKETS = durations(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    /** Job attempt buckets: a clip export takes seconds, a long lesson's ladder tens of minutes. */
    private static final Duration[] JOB_BUCKETS = durations(1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LessonloopConfig config;
    private QueueGauges queue;
    private DatabaseChanges changes;
    private ClusterMembership cluster;

    public Observability(LessonloopConfig config) {
        this.config = config;
        LogFormatting.apply(config.operations().logFormat());
        registry.config().meterFilter(buckets("vertx.http.server.response.time", HTTP_BUCKETS));
        registry.config().meterFilter(buckets("lessonloop.job.attempts", JOB_BUCKETS));
    }

    /**
     * The builder of the node's Vert.x, measured (the platform decides whether it is clustered). Labels are the route template, method and status, never the raw
     * path (ids would make a series per recording), and no event bus addresses (one per recording).
     */
    public VertxBuilder vertx(VertxOptions options) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
        return Vertx.builder()
                .with(options.setMetricsOptions(metrics))
                .withMetrics(new MicrometerMetricsFactory(registry));
    }

    /** The pool, the caches and their listener, the queue and the uploads of this node. */
    public void watch(Database database, DatabaseChanges changes, JobQueue jobs, UploadTraffic uploads) {
        this.changes = changes;
        database.measure(registry);
        changes.caches().forEach(this::watch);
        Gauge.builder("lessonloop.changes.listening", changes, c -> c.listening() ? 1 : 0)
                .description("1 while this node hears the database's change notifications (its caches serve only then)")
                .register(registry);
        FunctionCounter.builder("lessonloop.upload.received", uploads, UploadTraffic::bytesReceived)
                .baseUnit("bytes").description("Upload bytes this node took in").register(registry);
        Gauge.builder("lessonloop.uploads.active", uploads, UploadTraffic::active)
                .description("Upload requests writing on this node now").register(registry);
        this.queue = new QueueGauges(jobs, registry);
    }

    /** How many nodes share this node's event bus; readiness then names them. */
    public void watch(ClusterMembership cluster) {
        this.cluster = cluster;
        if (cluster.clustered()) {
            Gauge.builder("lessonloop.cluster.members", cluster, ClusterMembership::size)
                    .description("Nodes sharing this node's clustered event bus, itself included (LESSONLOOP_CLUSTER_MEMBERS)")
                    .register(registry);
        }
    }

    private void watch(String name, CoherentCache<?, ?, ?> cache) {
        for (boolean hit : new boolean[] {true, false}) {
            FunctionCounter.builder("lessonloop.cache.requests", cache, c -> hit ? c.hits() : c.misses())
                    .tag("cache", name).tag("result", hit ? "hit" : "miss")
                    .description("Cache reads, answered from memory (hit) or loaded (miss)").register(registry);
        }
        Gauge.builder("lessonloop.cache.weight", cache, CoherentCache::weight).tag("cache", name)
                .description("What the cache holds, in its budget's units (entries; bytes for review timelines)").register(registry);
        Gauge.builder("lessonloop.cache.budget", cache, CoherentCache::budget).tag("cache", name)
                .description("What the cache may hold (LESSONLOOP_CACHE_*)").register(registry);
    }

    /** Times every job attempt this node's workers make. */
    public JobOutcomes jobOutcomes() {
        return new JobMeters(registry);
    }

    /** /metrics, the request log and the readiness checks of the parts watched. Call after {@link #watch}. */
    public void mount(ApiRouter router) {
        router.mountRoot(root -> new MetricsRoutes(registry, config.operations(), queue::refresh).mount(root));
        // After health and metrics: probes and scrapes every few seconds would drown the log.
        router.mountRoot(root -> root.route().handler(new RequestLog()));
        router.readiness("changeListener", () -> {
            if (!changes.listening()) {
                throw new IllegalStateException("not connected to PostgreSQL's notifications: caches are off, other nodes' events wait");
            }
            return "up";
        });
        router.readiness("queue", () -> {
            JsonObject byKind = new JsonObject();
            queue.refresh().forEach(d -> byKind.put(d.kind(), new JsonObject().put("queued", d.queued()).put("due", d.due())
                    .put("running", d.running()).put("oldestDueWaitSeconds", d.oldestDueWait().toSeconds())));
            return byKind;
        });
        if (cluster != null && cluster.clustered()) {
            // Alone is still ready (the other nodes may be down or not yet started); out of the cluster is not.
            router.readiness("cluster", () -> {
                if (!cluster.active()) {
                    throw new IllegalStateException("left cluster '" + cluster.name().orElseThrow()
                            + "': debrief rooms with people on other nodes would miss their messages");
                }
                return new JsonObject().put("name", cluster.name().orElseThrow()).put("self", cluster.self())
                        .put("members", new io.vertx.core.json.JsonArray(cluster.members()));
            });
        }
        if (config.role().runsJobs()) {
            FfmpegCheck ffmpeg = new FfmpegCheck();
            router.readiness("ffmpeg", ffmpeg::check);
        }
    }

    private static MeterFilter buckets(String name, Duration[] slos) {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(name)) {
                    return config;
                }
                double[] nanos = java.util.Arrays.stream(slos).mapToDouble(Duration::toNanos).toArray();
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }

    private static Duration[] durations(double... seconds) {
        return java.util.Arrays.stream(seconds).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    }
}
