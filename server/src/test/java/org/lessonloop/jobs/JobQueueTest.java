package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.db.Tables.JOBS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.jobs.QueueDatabase.await;
import static org.lessonloop.jobs.QueueDatabase.uniqueKind;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.User;
import org.lessonloop.accounts.UserRole;
import org.lessonloop.problems.ProblemException;

/** What features do with the queue: enqueue in their own transaction, look, cancel, retry; and what admins see. */
class JobQueueTest {
    private static final QueueDatabase q = QueueDatabase.shared();

    @Test
    void aJobEnqueuedInARolledBackTransactionDoesNotExist() {
        String kind = uniqueKind("rollback");
        UUID recording = q.recording();
        AtomicReference<UUID> id = new AtomicReference<>();

        assertThrows(IllegalStateException.class, () -> q.db.transaction(c -> {
            c.dsl().update(RECORDINGS).set(RECORDINGS.STATUS, "ready").where(RECORDINGS.ID.eq(recording)).execute();
            id.set(q.queue.enqueue(c.dsl(), JobRequest.forRecording(kind, recording, 3)));
            throw new IllegalStateException("the state change failed after all");
        }));

        assertTrue(q.queue.find(id.get()).isEmpty());
        assertEquals(0, q.db.fetchCount(JOBS, JOBS.KIND.eq(kind)));
        assertEquals("probing", q.db.fetchValue(RECORDINGS.STATUS, RECORDINGS.ID.eq(recording)));
    }

    @Test
    void aJobEnqueuedInACommittedTransactionIsQueuedWithTheStateChange() {
        String kind = uniqueKind("commit");
        UUID recording = q.recording();

        UUID id = q.db.transactionResult(c -> {
            c.dsl().update(RECORDINGS).set(RECORDINGS.STATUS, "ready").where(RECORDINGS.ID.eq(recording)).execute();
            return q.queue.enqueue(c.dsl(), JobRequest.forRecording(kind, recording, 4));
        });

        JobView job = q.job(id);
        assertEquals(JobState.QUEUED, job.state());
        assertEquals(kind, job.kind());
        assertEquals(Optional.of(recording), job.recordingId());
        assertEquals(0, job.attempts());
        assertEquals(4, job.maxAttempts());
    }

    @Test
    void theHandlerGetsTheJobAsItWasEnqueued() {
        String kind = uniqueKind("payload");
        UUID recording = q.recording();
        UUID subject = UUID.randomUUID();
        JsonObject payload = new JsonObject().put("rendition", "720p").put("height", 720);
        UUID id = q.queue.enqueue(q.db, new JobRequest(kind, Optional.of(recording), Optional.of(subject), payload, 2));
        AtomicReference<Job> seen = new AtomicReference<>();
        ScriptedHandler handler = new ScriptedHandler(kind, (job, context) -> seen.set(job));

        try (Workers workers = new Workers(q.db, q.clock, "node-p", 1, Duration.ofSeconds(30), List.of(handler))) {
            workers.start();
            await(Duration.ofSeconds(10), "the run", () -> seen.get() != null);
        }

        assertEquals(new Job(id, kind, Optional.of(recording), Optional.of(subject), payload, 1, 2), seen.get());
        assertFalse(seen.get().isLastAttempt());
    }

    @Test
    void aPayloadTooLargeForTheQueueIsRefused() {
        JsonObject huge = new JsonObject().put("text", "x".repeat(5000));

        assertThrows(IllegalArgumentException.class, () -> q.queue.enqueue(q.db,
                new JobRequest(uniqueKind("huge"), Optional.empty(), Optional.empty(), huge, 1)));
    }

    @Test
    void latestIsTheNewestJobOfThatKindOnTheRecording() {
        String kind = uniqueKind("latest");
        UUID recording = q.recording();
        q.queue.enqueue(q.db, JobRequest.forRecording(kind, recording, 1));
        UUID newer = q.queue.enqueue(q.db, JobRequest.forRecording(kind, recording, 2));
        q.queue.enqueue(q.db, JobRequest.forRecording(uniqueKind("other"), recording, 1));

        assertEquals(newer, q.queue.latest(recording, kind).orElseThrow().id());
        assertTrue(q.queue.latest(q.recording(), kind).isEmpty());
    }

    @Test
    void cancellingARecordingsJobsLeavesFinishedOnesAndOtherRecordingsAlone() {
        String kind = uniqueKind("cancel");
        UUID recording = q.recording();
        UUID queued = q.queue.enqueue(q.db, JobRequest.forRecording(kind, recording, 1));
        UUID running = q.queue.enqueue(q.db, JobRequest.forRecording(kind, recording, 1));
        q.db.update(JOBS).set(JOBS.STATE, "running").where(JOBS.ID.eq(running)).execute();
        UUID succeeded = q.queue.enqueue(q.db, JobRequest.forRecording(kind, recording, 1));
        q.db.update(JOBS).set(JOBS.STATE, "succeeded").where(JOBS.ID.eq(succeeded)).execute();
        UUID elsewhere = q.enqueue(kind, 1);

        assertEquals(2, q.queue.cancelFor(recording));

        assertEquals(JobState.CANCELLED, q.job(queued).state());
        assertEquals(JobState.CANCELLED, q.job(running).state());
        assertTrue(q.job(running).finishedAt().isPresent());
        assertEquals(JobState.SUCCEEDED, q.job(succeeded).state());
        assertEquals(JobState.QUEUED, q.job(elsewhere).state());
    }

    @Test
    void onlyDeadOrCancelledJobsCanBeRetried() {
        String kind = uniqueKind("retry");
        UUID recording = q.recording();
        UUID cancelled = q.queue.enqueue(q.db, JobRequest.forRecording(kind, recording, 3));
        q.queue.cancelFor(recording);
        UUID queued = q.enqueue(kind, 3);

        assertTrue(q.queue.retry(cancelled));
        assertFalse(q.queue.retry(queued));
        assertFalse(q.queue.retry(UUID.randomUUID()));
        JobView again = q.job(cancelled);
        assertEquals(JobState.QUEUED, again.state());
        assertTrue(again.finishedAt().isEmpty());
    }

    @Test
    void anAdminSeesTheJobsOfTheirOrganizationOnly() {
        String kind = uniqueKind("scoped");
        UUID mine = q.enqueue(kind, 1);
        UUID system = q.queue.enqueue(q.db, new JobRequest(kind, Optional.empty(), Optional.empty(), new JsonObject(), 1));
        AdminJobs admin = new AdminJobs(q.db, q.clock);
        List<UUID> ownSchool = admin.list(adminOf(q.organizationId), JobState.QUEUED).stream().map(JobView::id).toList();
        List<UUID> otherSchool = admin.list(adminOf(UUID.randomUUID()), JobState.QUEUED).stream().map(JobView::id).toList();

        assertTrue(ownSchool.containsAll(List.of(mine, system)), ownSchool.toString());
        assertFalse(otherSchool.contains(mine));
        assertTrue(otherSchool.contains(system));
        assertThrows(ProblemException.NotFound.class, () -> admin.retry(adminOf(UUID.randomUUID()), mine));
    }

    @Test
    void onlyAnAdminSeesJobs() {
        User teacher = new User(UUID.randomUUID(), q.organizationId, "t@school.test", "Tia", UserRole.TEACHER);

        assertThrows(ProblemException.Forbidden.class,
                () -> new AdminJobs(q.db, q.clock).list(new CurrentUser(teacher, "csrf", "hash"), JobState.DEAD));
    }

    private static CurrentUser adminOf(UUID organizationId) {
        return new CurrentUser(new User(UUID.randomUUID(), organizationId, "a@school.test", "Ada", UserRole.ADMIN), "csrf", "hash");
    }
}
