package org.lessonloop;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Pairs;
import org.lessonloop.access.PairsRoutes;
import org.lessonloop.access.Shares;
import org.lessonloop.access.SharesRoutes;
import org.lessonloop.accounts.AccountsRoutes;
import org.lessonloop.annotations.Review;
import org.lessonloop.accounts.BootstrapAdmin;
import org.lessonloop.accounts.CreateUser;
import org.lessonloop.accounts.LoginThrottle;
import org.lessonloop.accounts.PasswordHasher;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.accounts.SessionRepository;
import org.lessonloop.accounts.Sessions;
import org.lessonloop.accounts.UserDirectory;
import org.lessonloop.accounts.UserRepository;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.config.MediaDeliveryMode;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseChanges;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.database.EmbeddedPostgresServer;
import org.lessonloop.events.Fanout;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.goals.GoalRepository;
import org.lessonloop.goals.Goals;
import org.lessonloop.goals.GoalsRoutes;
import org.lessonloop.http.ApiRouter;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.WebApp;
import org.lessonloop.jobs.AdminJobs;
import org.lessonloop.live.Live;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.JobsRoutes;
import org.lessonloop.jobs.Workers;
import org.lessonloop.media.ClipExportRoutes;
import org.lessonloop.media.ClipExports;
import org.lessonloop.media.FfmpegBinary;
import org.lessonloop.media.FfmpegCommands;
import org.lessonloop.media.FfmpegRun;
import org.lessonloop.media.MediaLeftovers;
import org.lessonloop.media.MediaLimits;
import org.lessonloop.media.MediaTools;
import org.lessonloop.media.PlanTranscode;
import org.lessonloop.media.ProcessRecording;
import org.lessonloop.media.Processing;
import org.lessonloop.media.ProcessingRoutes;
import org.lessonloop.media.Rendition;
import org.lessonloop.media.VideoEncoder;
import org.lessonloop.media.delivery.MediaRoutes;
import org.lessonloop.observability.Observability;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.recordings.RecordingRepository;
import org.lessonloop.recordings.Recordings;
import org.lessonloop.recordings.RecordingsRoutes;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.storage.S3Settings;
import org.lessonloop.upload.TusRoutes;
import org.lessonloop.upload.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the running system: database, object storage, features and the HTTP server. Embedded
 * PostgreSQL and S3 stand in when none is configured. Closing stops everything in reverse order.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(10);
    /** Storing the part in progress of a cut upload: one part (8 MiB) to storage, one row. */
    private static final Duration UPLOAD_FLUSH = Duration.ofSeconds(10);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private int port;
    private Vertx vertx;

    private Application() {
    }

    public static Application start(LessonloopConfig config) {
        Application app = new Application();
        try {
            app.boot(config);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The Vert.x instance, whose event bus carries {@link RecordingEvents}. */
    public Vertx vertx() {
        return vertx;
    }

    private void boot(LessonloopConfig config) {
        var observability = new Observability(config);
        DatabaseSettings dbSettings = config.database().orElseGet(() -> {
            EmbeddedPostgresServer embedded = track(EmbeddedPostgresServer.start(config.dataDir()));
            LOG.info("Using the embedded PostgreSQL under {}", config.dataDir().resolve("postgres"));
            return embedded.settings();
        });
        Database database = track(Database.open(dbSettings, config.capacity().databasePool()));
        S3Settings s3Settings = config.s3().orElseGet(() -> track(EmbeddedS3.start(config.dataDir())).settings());
        ObjectStore store = track(ObjectStore.connect(s3Settings));
        store.ensureBucket();

        var db = database.dsl();
        Clock clock = Clock.systemUTC();
        Vertx vertx = observability.vertx();
        this.vertx = vertx;
        track(() -> vertx.close().await());
        // As much blocking work at once as there are connections; a little more waits, the rest is refused (503).
        Blocking.limit(vertx, config.capacity().databasePool(), config.capacity().waitingTasks());
        track(() -> Blocking.unlimit(vertx));
        // Sessions, access decisions and timelines are cached per node, coherent through the database's notifications.
        var changes = track(new DatabaseChanges(db, config.caches().budgets()));
        var events = new RecordingEvents(new Fanout(vertx.eventBus(), changes), clock);
        var users = new UserRepository(db);
        var hasher = new PasswordHasher(config.accounts().passwordIterations());
        var createUser = new CreateUser(users, hasher);
        var sessions = new Sessions(users, new SessionRepository(db), hasher,
                new LoginThrottle(5, Duration.ofMinutes(15), clock), config.accounts().sessionTtl(), clock, changes);
        var auth = new SessionAuthHandler(sessions, config.accounts().secureCookies());
        config.bootstrapAdmin().ifPresent(admin -> new BootstrapAdmin(users, createUser).ensureAdmin(admin.email(), admin.password()));

        var directory = new UserDirectory(users);
        var audit = new AuditLog(db);
        var policy = new AccessPolicy(db, changes);
        var recordingRepository = new RecordingRepository(db);
        var recordingLifecycle = new RecordingLifecycle(recordingRepository);
        String nodeId = nodeId(config);
        // Features queue work through jobQueue; each kind of job is run by one handler listed here.
        var jobQueue = new JobQueue(db, clock);
        var processing = new Processing(db, jobQueue, policy, recordingLifecycle);
        var uploadLimits = config.uploads();
        var uploads = new Uploads(db, store, policy, recordingLifecycle, uploadLimits.maxFileBytes(), uploadLimits.quotaBytes(),
                uploadLimits.partBytes(), uploadLimits.expiry(), config.dataDir().resolve("scratch").resolve("uploads"),
                nodeId, processing::enqueue);
        // A running media job stops at its next heartbeat; then the recording's objects and rows go.
        var recordings = new Recordings(recordingRepository, policy, store, List.of(uploads.cleanup(), jobQueue::cancelFor), audit);
        var goalRepository = new GoalRepository(db);
        var goals = new Goals(goalRepository, policy, recordingLifecycle);
        var review = new Review(db, policy, goals, events, audit, changes);
        var clipExports = new ClipExports(db, review.clips(), recordingLifecycle, jobQueue, audit);
        var live = new Live(vertx, sessions, policy, recordingLifecycle, config.publicUrl(), clock);

        changes.listen(dbSettings);

        // In redirect delivery the browser fetches media from storage itself, so the page must allow it.
        var webApp = new WebApp(config.mediaDelivery().mode() == MediaDeliveryMode.REDIRECT
                ? Optional.of(s3Settings.endpoint()) : Optional.empty());
        var router = new ApiRouter(vertx, auth, database, store, webApp);
        router.mount((api, json) -> new AccountsRoutes(sessions, auth, createUser, users).mount(api, json));
        router.mount((api, json) -> new PairsRoutes(new Pairs(db, directory, audit, policy)).mount(api, json));
        router.mount((api, json) -> new RecordingsRoutes(recordings).mount(api, json));
        router.mount((api, json) -> new SharesRoutes(new Shares(policy, db, directory, audit, events)).mount(api, json));
        router.mount((api, json) -> new TusRoutes(uploads).mount(api));
        router.mount((api, json) -> new ProcessingRoutes(processing).mount(api));
        router.mount((api, json) -> new ClipExportRoutes(clipExports, store).mount(api));
        router.mount((api, json) -> new JobsRoutes(new AdminJobs(db, clock)).mount(api));
        router.mount((api, json) -> new MediaRoutes(policy, store, audit, clock, config.mediaDelivery()).mount(api));
        router.mount((api, json) -> new GoalsRoutes(goals).mount(api, json));
        router.mount(review::mount);
        router.mount(live::mount);
        observability.watch(database, changes, jobQueue, uploads.traffic());
        observability.mount(router);
        if (config.role().runsJobs()) {
            // Only processes that run jobs need ffmpeg (and the system libraries it loads).
            var jobs = config.jobs();
            var ffmpeg = FfmpegBinary.bundled();
            var encoder = VideoEncoder.available(ffmpeg);
            LOG.info("Using ffmpeg at {} with {}", ffmpeg.executable(), encoder.ffmpegName());
            var limits = MediaLimits.standard();
            var tools = new MediaTools(store, new FfmpegRun(ffmpeg), new FfmpegCommands(encoder, limits), limits,
                    config.dataDir().resolve("scratch").resolve("jobs"));
            var leftovers = new MediaLeftovers(db, jobQueue, store, recordingLifecycle);
            var workers = track(new Workers(db, clock, nodeId, jobs.workerConcurrency(), jobs.lease(), jobs.firstRetry(), List.of(
                    new ProcessRecording(tools, recordingLifecycle, events,
                            new PlanTranscode(config.media().ladder().stream().map(r -> Rendition.forShortSide(r).orElseThrow()).toList()),
                            leftovers),
                    clipExports.handler(tools, events, leftovers),
                    leftovers)));
            observability.watch(workers);
            workers.start();
        }
        vertx.setPeriodic(HOUSEKEEPING_EVERY.toMillis(), id -> Blocking.call(() -> {
            sessions.purgeExpired();
            return uploads.sweepExpired();
        }).onFailure(e -> LOG.warn("Housekeeping failed", e)));

        // Bound last, so nothing answers before the node can serve; a worker serves only health and /metrics.
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.httpHost())
                        .setPort(config.httpPort())
                        .setCompressionSupported(true))
                .requestHandler(config.role().servesHttp() ? router.build() : router.operationsOnly());
        port = server.listen().await().actualPort();
        // Closed first: no new connections, requests in flight get the grace to finish, an upload cut then
        // stores what it received; then the rest stops.
        track(() -> {
            server.shutdown(config.operations().shutdownGrace()).await();
            uploads.traffic().awaitIdle(UPLOAD_FLUSH);
        });
    }

    /**
     * Names this server across restarts (a hash of host name and HTTP port: two HTTP servers cannot
     * share both), so it can drop the upload leases of its own previous life. Without a fixed port,
     * or without HTTP, it is random: nothing then claims another process's leases.
     */
    private static String nodeId(LessonloopConfig config) {
        if (!config.role().servesHttp() || config.httpPort() == 0) {
            return java.util.UUID.randomUUID().toString().substring(0, 16);
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((host + ":" + config.httpPort()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", resources.get(i), e);
            }
        }
        resources.clear();
    }
}
