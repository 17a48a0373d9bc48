package org.lessonloop.mail;

import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.lessonloop.accounts.InvitationMail;
import org.lessonloop.config.MailSettings;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.http.Blocking;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.jobs.JobQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail over SMTP when {@code LESSONLOOP_SMTP_HOST} is set: invitation and reset links, a mail per
 * share and per mention, a daily digest; each queued in the PostgreSQL outbox with what caused it
 * and sent by {@code mail.send} jobs. Without SMTP nothing is queued and nothing breaks: the admin
 * is shown each invitation link once, and people's choices wait until mail is configured.
 */
public final class MailFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(MailFeature.class);
    /** How often a node asks whether a day's digest is due; the day's row lets only one plan it. */
    private static final Duration PLAN_EVERY = Duration.ofMinutes(5);
    /** A sent mail's row (time and subject, no body) stays this long for an operator who asks. */
    private static final Duration KEEP_SENT = Duration.ofDays(30);

    private final Platform platform;
    private final MailRoutes routes;
    private final InvitationMail invitations;
    private final Notifications notifications;
    private final List<JobHandler> handlers;
    private final Optional<MailClient> client;
    private final Optional<PlanDigests> planner;
    private long timer = -1;

    public MailFeature(Platform platform) {
        this.platform = platform;
        var db = platform.db();
        var clock = platform.clock();
        Optional<MailSettings> settings = platform.config().mail();
        this.routes = new MailRoutes(new PeopleRepository(db), settings.isPresent(), clock);
        if (settings.isEmpty()) {
            invitations = InvitationMail.NONE;
            notifications = Notifications.none();
            handlers = List.of();
            client = Optional.empty();
            planner = Optional.empty();
            return;
        }
        MailSettings smtp = settings.get();
        var jobs = new JobQueue(db, clock);
        var outbox = new Outbox(jobs, clock);
        var links = new Links(smtp.publicUrl());
        MailClient mailClient = MailClient.create(platform.vertx(), config(smtp));
        client = Optional.of(mailClient);
        invitations = new InvitationMails(outbox, links, smtp.digestZone());
        notifications = new Notifications(Optional.of(outbox), links, clock, smtp.digestZone());
        handlers = List.of(new SendMail(new OutboxRepository(db), mailClient, smtp.from(), clock),
                new SendDigests(db, outbox, links, smtp.digestZone()));
        planner = Optional.of(new PlanDigests(db, jobs, smtp.digestZone(), smtp.digestHour(), clock));
        LOG.info("Mail goes through {}:{} (STARTTLS {})", smtp.host(), smtp.port(), smtp.startTls());
    }

    private static MailConfig config(MailSettings smtp) {
        var config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
                .setStarttls(StartTLSOptions.valueOf(smtp.startTls().name()))
                .setOwnHostname(smtp.publicUrl().getHost())
                .setConnectTimeout((int) Duration.ofSeconds(20).toMillis())
                .setLogin(smtp.username().isPresent() ? LoginOption.REQUIRED : LoginOption.DISABLED);
        smtp.username().ifPresent(config::setUsername);
        smtp.password().ifPresent(config::setPassword);
        return config;
    }

    /** Where accounts sends invitation and reset links. */
    public InvitationMail invitations() {
        return invitations;
    }

    /** The mails that shares and mentions cause. */
    public Notifications notifications() {
        return notifications;
    }

    /** The jobs that send mail and digests: none without SMTP. */
    public List<JobHandler> jobHandlers() {
        return handlers;
    }

    /** On a node that runs jobs: asks now and then whether a day's digest is due (one node plans each day). */
    public void planDigests() {
        planner.ifPresent(plan -> {
            Runnable ask = () -> Blocking.call(plan::planDue)
                    .onSuccess(day -> day.ifPresent(d -> LOG.info("Queued the digests of {}", d)))
                    .onFailure(e -> LOG.warn("Could not plan the day's digests", e));
            platform.vertx().setTimer(1_000, id -> ask.run());
            timer = platform.vertx().setPeriodic(PLAN_EVERY.toMillis(), id -> ask.run());
        });
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        routes.mount(api, json);
    }

    @Override
    public void housekeep() {
        if (client.isPresent()) {
            new OutboxRepository(platform.db()).deleteSentBefore(OffsetDateTime.now(platform.clock()).minus(KEEP_SENT));
        }
    }

    @Override
    public void close() {
        if (timer >= 0) {
            platform.vertx().cancelTimer(timer);
        }
        client.ifPresent(MailClient::close);
    }
}
