package org.lessonloop.mail;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.JobRequest;

/**
 * Queues a mail in the caller's transaction, with the {@code mail.send} job that delivers it: what
 * caused the mail and the mail commit together or not at all, and an SMTP outage only delays it.
 */
final class Outbox {
    static final String SEND = "mail.send";
    /**
     * Failed attempts wait 5 s, four times longer each time, then 10 min (the job queue's backoff):
     * 150 attempts ride out an SMTP outage of about a day before the job is dead, and visible as such.
     */
    static final int MAX_ATTEMPTS = 150;

    private final JobQueue jobs;
    private final Clock clock;

    Outbox(JobQueue jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** False when a mail with the same dedupe key was queued before: nothing is queued twice. */
    boolean queue(DSLContext tx, Mail mail) {
        Optional<java.util.UUID> id = new OutboxRepository(tx).insert(mail, OffsetDateTime.now(clock));
        id.ifPresent(queued -> jobs.enqueue(tx, new JobRequest(SEND, Optional.empty(), Optional.of(queued), new JsonObject(), MAX_ATTEMPTS)));
        return id.isPresent();
    }
}
