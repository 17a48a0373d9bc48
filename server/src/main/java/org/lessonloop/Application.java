package org.lessonloop;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lessonloop.access.AccessFeature;
import org.lessonloop.accounts.AccountsFeature;
import org.lessonloop.annotations.AnnotationsFeature;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.config.MediaDeliveryMode;
import org.lessonloop.debriefs.DebriefsFeature;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.feature.Resources;
import org.lessonloop.goals.GoalsFeature;
import org.lessonloop.http.ApiRouter;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.HttpVerticle;
import org.lessonloop.http.WebApp;
import org.lessonloop.jobs.JobsFeature;
import org.lessonloop.live.LiveFeature;
import org.lessonloop.mail.MailFeature;
import org.lessonloop.media.MediaFeature;
import org.lessonloop.media.delivery.DeliveryFeature;
import org.lessonloop.observability.Observability;
import org.lessonloop.playback.PlaybackFeature;
import org.lessonloop.program.ProgramFeature;
import org.lessonloop.recordings.RecordingsFeature;
import org.lessonloop.retention.RetentionFeature;
import org.lessonloop.takeout.TakeoutFeature;
import org.lessonloop.upload.UploadFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the running system: the platform (database, object storage, Vert.x), then the features,
 * each bringing its routes, jobs and clean-up; HTTP opens last, once everything behind it runs.
 * Closing stops everything in reverse order.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(10);
    /** Storing the part in progress of a cut upload: one part (8 MiB) to storage, one row. */
    private static final Duration UPLOAD_FLUSH = Duration.ofSeconds(10);

    private final Resources resources = new Resources();
    private final List<Feature> features = new ArrayList<>();
    private Platform platform;
    private Observability observability;
    private AccountsFeature accounts;
    private int port;

    private Application() {
    }

    /**
     * Starts everything, or nothing: on any failure (a port in use, storage not answering) what had
     * started is stopped again before the failure is rethrown.
     */
    public static Application start(LessonloopConfig config) {
        Application app = new Application();
        try {
            app.boot(config);
            return app;
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        } catch (Exception e) {
            // Vert.x rethrows a failed listen's checked exception (BindException) undeclared.
            app.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The Vert.x instance, whose event bus carries {@link RecordingEvents}. */
    public Vertx vertx() {
        return platform.vertx();
    }

    private void boot(LessonloopConfig config) {
        observability = new Observability(config);
        platform = resources.track(Platform.start(config, observability::vertx));
        var audit = new AuditLog(platform.db());
        // Before accounts, which mails invitation links through it (without SMTP it mails nothing).
        var mail = feature(new MailFeature(platform));
        accounts = feature(new AccountsFeature(platform, mail.invitations()));
        var access = feature(new AccessFeature(platform, accounts.directory(), audit, mail.notifications()));
        var recordings = feature(new RecordingsFeature(platform, access.policy(), audit));
        var jobs = feature(new JobsFeature(platform));
        var goals = feature(new GoalsFeature(platform, access.policy(), recordings.lifecycle()));
        var annotations = feature(new AnnotationsFeature(platform, access.policy(), goals.goals(), audit, mail.notifications()));
        var media = feature(new MediaFeature(platform, access.policy(), recordings.lifecycle(), jobs.queue(),
                annotations.clips(), audit));
        var upload = feature(new UploadFeature(platform, access.policy(), recordings.lifecycle(), media::queueProcessing));
        feature(new DeliveryFeature(platform, access.policy(), audit));
        feature(new PlaybackFeature(platform, access.policy(), recordings.lifecycle(), audit));
        feature(new LiveFeature(platform, accounts.sessions(), access.policy(), recordings.lifecycle()));
        feature(new DebriefsFeature(platform, access.policy(), accounts.sessions(), recordings.lifecycle(), annotations.comments(),
                annotations.playlists(), goals.goals()));
        feature(new ProgramFeature(platform));
        feature(new TakeoutFeature(platform, recordings.lifecycle(), annotations.documents(), goals.goals(), audit));
        var retention = feature(new RetentionFeature(platform, access.policy(), recordings.lifecycle(), recordings.removal(),
                jobs.queue(), audit, mail.notifications()));
        // A running media job stops at its next heartbeat; then the recording's objects and rows go.
        recordings.beforeDelete(upload.cleanup());
        recordings.beforeDelete(jobs.queue()::cancelFor);

        observability.watch(platform.database(), platform.changes(), jobs.queue(), upload.traffic());
        observability.watch(platform.cluster());

        platform.listen();
        if (config.role().runsJobs()) {
            jobs.runWorkers(java.util.stream.Stream.of(media.jobHandlers(), mail.jobHandlers(), retention.jobHandlers())
                    .flatMap(List::stream).toList(), observability.jobOutcomes());
            mail.planDigests();
        }
        platform.vertx().setPeriodic(HOUSEKEEPING_EVERY.toMillis(), id -> Blocking.call(() -> {
            features.forEach(Feature::housekeep);
            return null;
        }).onFailure(e -> LOG.warn("Housekeeping failed", e)));
        // A worker serves health and /metrics only.
        // Silent connections are closed, and slow headers too (http/HeaderTimeout): neither holds a connection forever.
        // No cleartext HTTP/2 (browsers speak it only over TLS, at a proxy in front): a connection is then
        // announced as it opens, not once its first request's headers are in, and the header timeout sees it.
        var options = new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort()).setCompressionSupported(true)
                .setHttp2ClearTextEnabled(false).setIdleTimeout(Math.toIntExact(config.connections().idle().toSeconds()));
        var http = HttpVerticle.deploy(platform.vertx(), options, config.connections().headers(), platform.eventLoops(),
                config.operations().shutdownGrace(), config.role().servesHttp() ? this::router : () -> apiRouter().operationsOnly());
        port = http.port();
        // Stopped first: no new connections, requests in flight get the grace, an upload cut then stores what it received.
        resources.track(() -> {
            platform.vertx().undeploy(http.id()).await();
            upload.traffic().awaitIdle(UPLOAD_FLUSH);
        });
    }

    /** The whole HTTP surface: health, then /api with the session check and every feature's routes, then the web app. */
    public Router router() {
        return apiRouter().build();
    }

    private ApiRouter apiRouter() {
        // In redirect delivery the browser fetches media from storage itself, so the page must allow it.
        var webApp = new WebApp(platform.config().mediaDelivery().mode() == MediaDeliveryMode.REDIRECT
                ? Optional.of(platform.s3Settings().endpoint()) : Optional.empty());
        var router = new ApiRouter(platform.vertx(), accounts.auth(), platform.database(), platform.store(), webApp,
                platform.config().accounts().secureCookies());
        features.forEach(feature -> router.mount(feature::mount));
        observability.mount(router);
        return router;
    }

    private <F extends Feature> F feature(F feature) {
        features.add(resources.track(feature));
        return feature;
    }

    @Override
    public void close() {
        resources.close();
    }
}
