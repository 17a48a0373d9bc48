package org.lessonloop.mail;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.JobRequest;

/**
 * Queues each day's {@code mail.digest} job once that day is over and the digest hour of the next
 * has come. Every node asks now and then; the day's row in {@code mail_digest_days}, inserted in the
 * transaction that queues the job, lets exactly one of them do it, and survives restarts.
 */
final class PlanDigests {
    private static final int MAX_ATTEMPTS = 10;

    private final DSLContext db;
    private final JobQueue jobs;
    private final ZoneId zone;
    private final int hour;
    private final Clock clock;

    PlanDigests(DSLContext db, JobQueue jobs, ZoneId zone, int hour, Clock clock) {
        this.db = db;
        this.jobs = jobs;
        this.zone = zone;
        this.hour = hour;
        this.clock = clock;
    }

    /** The latest day whose digest is due: yesterday once today's digest hour has come, else the day before. */
    static LocalDate dueDay(ZonedDateTime now, int hour) {
        return now.minusHours(hour).toLocalDate().minusDays(1);
    }

    /** The day planned now, if this call planned it. */
    Optional<LocalDate> planDue() {
        LocalDate day = dueDay(ZonedDateTime.ofInstant(clock.instant(), zone), hour);
        boolean planned = db.transactionResult(tx -> {
            if (!new DigestRepository(tx.dsl()).claimDay(day, OffsetDateTime.now(clock))) {
                return false;
            }
            jobs.enqueue(tx.dsl(), new JobRequest(SendDigests.KIND, Optional.empty(), Optional.empty(),
                    new JsonObject().put("day", day.toString()), MAX_ATTEMPTS));
            return true;
        });
        return planned ? Optional.of(day) : Optional.empty();
    }
}
