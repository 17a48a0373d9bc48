package org.lessonloop.feature;

import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import org.jooq.DSLContext;
import org.lessonloop.cluster.ClusterMembership;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseChanges;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.database.EmbeddedPostgresServer;
import org.lessonloop.events.Fanout;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.http.Blocking;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.storage.S3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every feature is built over: configuration, Vert.x, the database with its change
 * notifications (per-node caches) and recording events, object storage, the clock, this node's
 * name and its cluster membership (the event bus spans the web nodes when LESSONLOOP_CLUSTER_MEMBERS is set). Embedded PostgreSQL and S3 stand in when none is configured. Closing stops all of it in
 * reverse order, after the features.
 */
public final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

    private final Resources resources = new Resources();
    private LessonloopConfig config;
    private DatabaseSettings dbSettings;
    private Database database;
    private S3Settings s3Settings;
    private ObjectStore store;
    private Vertx vertx;
    private ClusterMembership cluster;
    private int eventLoops;
    private DatabaseChanges changes;
    private RecordingEvents events;
    private String nodeId;
    private Clock clock;

    private Platform() {
    }

    /** Starts the backends; on failure closes whatever had started and rethrows. */
    public static Platform start(LessonloopConfig config) {
        return start(config, options -> Vertx.builder());
    }

    /** With Vert.x built by {@code vertx} from the options (measured, by observability). */
    public static Platform start(LessonloopConfig config, java.util.function.Function<VertxOptions, VertxBuilder> vertx) {
        Platform platform = new Platform();
        try {
            platform.boot(config, vertx);
            return platform;
        } catch (Throwable e) {
            platform.close();
            throw e;
        }
    }

    private void boot(LessonloopConfig config, java.util.function.Function<VertxOptions, VertxBuilder> vertxFactory) {
        this.config = config;
        this.clock = config.clock();
        dbSettings = config.database().orElseGet(() -> {
            EmbeddedPostgresServer embedded = track(EmbeddedPostgresServer.start(config.dataDir()));
            LOG.info("Using the embedded PostgreSQL under {}", config.dataDir().resolve("postgres"));
            return embedded.settings();
        });
        database = track(Database.open(dbSettings, config.capacity().databasePool()));
        s3Settings = config.s3().orElseGet(() -> track(EmbeddedS3.start(config.dataDir())).settings());
        store = track(ObjectStore.connect(s3Settings));
        store.ensureBucket();
        VertxOptions options = new VertxOptions().setEventLoopPoolSize(config.operations().eventLoops());
        eventLoops = options.getEventLoopPoolSize();
        cluster = ClusterMembership.start(vertxFactory.apply(options), options, config.cluster());
        Vertx started = cluster.vertx();
        vertx = started;
        // Closing a clustered Vert.x leaves the cluster (after the features: rooms unsubscribe first).
        track(() -> started.close().await());
        // As much blocking work at once as there are connections; a little more waits, the rest is refused (503).
        Blocking.limit(vertx, config.capacity().databasePool(), config.capacity().waitingTasks());
        track(() -> Blocking.unlimit(started));
        // Sessions, access decisions and timelines are cached per node, coherent through the database's notifications.
        changes = track(new DatabaseChanges(database.dsl(), config.caches().budgets()));
        // Before the listener starts, so the fan-out's channel is subscribed from its first notification.
        events = new RecordingEvents(new Fanout(vertx.eventBus(), changes), clock);
        nodeId = NodeId.of(config);
    }

    /**
     * Starts listening for the database's change notifications. Call once every feature has made
     * its caches: until then they hold nothing.
     */
    public void listen() {
        changes.listen(dbSettings);
    }

    public LessonloopConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Whether and with whom this node shares its event bus. */
    public ClusterMembership cluster() {
        return cluster;
    }

    /** How many event loops Vert.x runs (twice the cores): one HTTP server runs on each. */
    public int eventLoops() {
        return eventLoops;
    }

    public Database database() {
        return database;
    }

    public DSLContext db() {
        return database.dsl();
    }

    public ObjectStore store() {
        return store;
    }

    public S3Settings s3Settings() {
        return s3Settings;
    }

    public DatabaseChanges changes() {
        return changes;
    }

    public RecordingEvents events() {
        return events;
    }

    public Clock clock() {
        return clock;
    }

    /** This node's name (see {@link NodeId}). */
    public String nodeId() {
        return nodeId;
    }

    /** A scratch folder of this node's, for one purpose ({@code uploads}, {@code jobs}). */
    public Path scratch(String purpose) {
        return config.dataDir().resolve("scratch").resolve(purpose);
    }

    private <T extends AutoCloseable> T track(T resource) {
        return resources.track(resource);
    }

    @Override
    public void close() {
        resources.close();
    }
}
