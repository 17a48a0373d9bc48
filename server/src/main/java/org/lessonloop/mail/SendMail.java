package org.lessonloop.mail;

import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lessonloop.jobs.Job;
import org.lessonloop.jobs.JobContext;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.jobs.PermanentJobFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one outbox mail over SMTP. A failed attempt is retried with the job queue's backoff; a
 * mail the server refused for good (5xx: no such mailbox) is not. Marked sent right after the SMTP
 * server took it: a crash in between sends it once more, never more often.
 */
final class SendMail implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SendMail.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final OutboxRepository outbox;
    private final MailClient client;
    private final String from;
    private final Clock clock;

    SendMail(OutboxRepository outbox, MailClient client, String from, Clock clock) {
        this.outbox = outbox;
        this.client = client;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return Outbox.SEND;
    }

    @Override
    public void run(Job job, JobContext context) throws InterruptedException {
        UUID id = job.subjectId().orElseThrow(() -> new PermanentJobFailure("A mail.send job names no mail"));
        // Sent already (a retry after a crash), or its person's account is gone with the row.
        var mail = outbox.unsent(id);
        if (mail.isEmpty()) {
            return;
        }
        var message = new MailMessage().setFrom(from).setTo(mail.get().toAddress()).setSubject(mail.get().subject())
                .setText(mail.get().text()).setHtml(mail.get().html());
        try {
            client.sendMail(message).toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = "The SMTP server did not take mail " + id + ": " + withoutAddresses(String.valueOf(cause.getMessage()));
            if (cause instanceof SMTPException smtp && smtp.isPermanent()) {
                throw new PermanentJobFailure(reason);
            }
            throw new IllegalStateException(reason);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The SMTP server did not answer within " + TIMEOUT.toSeconds() + " s (mail " + id + ")");
        }
        outbox.markSent(id, OffsetDateTime.now(clock));
    }

    @Override
    public void onDead(Job job, String reason) {
        LOG.error("Mail {} was not delivered and will not be tried again: {}", job.subjectId().orElse(null), reason);
    }

    /** Logs and job errors never carry an email address (README: no email in logs). */
    static String withoutAddresses(String message) {
        return message.replaceAll("[^\\s<>\"',;:]+@[^\\s<>\"',;]+", "(address)");
    }
}
