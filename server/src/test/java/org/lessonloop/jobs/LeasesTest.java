package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.db.Tables.JOBS;
import static org.lessonloop.jobs.QueueDatabase.await;
import static org.lessonloop.jobs.QueueDatabase.sleep;
import static org.lessonloop.jobs.QueueDatabase.uniqueKind;
import static org.lessonloop.jobs.WorkerPools.FAST;
import static org.lessonloop.jobs.WorkerPools.LEASE;
import static org.lessonloop.jobs.WorkerPools.WAIT;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases against real PostgreSQL: dead workers, lost leases, cancellation, shutdown and restart. */
class LeasesTest {
    private static final QueueDatabase q = QueueDatabase.shared();

    @RegisterExtension
    final WorkerPools pools = new WorkerPools(q);

    @Test
    void aJobWhoseWorkerDiedIsTakenOverOnceItsLeaseExpires() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("orphan"));
        UUID id = q.enqueue(handler.kind(), 3);
        // A worker claims the job and is killed at once: it never renews its lease.
        assertEquals(id, q.repository().claim(List.of(handler.kind()), "killed-node/1", Duration.ofSeconds(1)).orElseThrow().id());
        OffsetDateTime leaseEnds = q.db.fetchValue(JOBS.LEASE_UNTIL, JOBS.ID.eq(id));

        pools.start("node-a", 2, LEASE, FAST, handler);

        await(WAIT, "the takeover", () -> q.job(id).state() == JobState.SUCCEEDED);
        assertEquals(2, q.job(id).attempts());
        assertEquals(1, handler.runs(id));
        Instant finished = q.job(id).finishedAt().orElseThrow();
        assertFalse(finished.isBefore(leaseEnds.toInstant()), "taken at " + finished + " under a lease until " + leaseEnds);
    }

    @Test
    void aWorkerThatLostItsLeaseCannotOverwriteTheNewOwnersResult() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        String kind = uniqueKind("contested");
        ScriptedHandler stalled = new ScriptedHandler(kind, (job, context) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
                throw new IllegalStateException("too late");
            } finally {
                failed.countDown();
            }
        });
        UUID id = q.enqueue(kind, 3);
        pools.start("node-stalled", 1, LEASE, FAST, stalled);
        await(WAIT, "the first claim", () -> stalled.runs(id) == 1);
        // The first worker stalls past its lease (as in a long GC pause) before its next heartbeat.
        q.db.update(JOBS).set(JOBS.LEASE_UNTIL, OffsetDateTime.now().minusSeconds(1)).where(JOBS.ID.eq(id)).execute();
        ScriptedHandler next = ScriptedHandler.succeeding(kind);
        pools.start("node-next", 1, LEASE, FAST, next);
        await(WAIT, "the new owner's success", () -> q.job(id).state() == JobState.SUCCEEDED);

        release.countDown();
        await(WAIT, "the stalled handler's failure", () -> failed.getCount() == 0);
        sleep(300);

        JobView job = q.job(id);
        assertEquals(JobState.SUCCEEDED, job.state());
        assertEquals(2, job.attempts());
        assertTrue(job.lastError().isEmpty(), job.toString());
        assertTrue(stalled.deaths.isEmpty());
    }

    @Test
    void aCancelledJobsRunningHandlerIsAskedToStop() {
        AtomicBoolean sawStop = new AtomicBoolean();
        ScriptedHandler handler = new ScriptedHandler(uniqueKind("cancel"), (job, context) -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!context.stopRequested() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            sawStop.set(context.stopRequested());
        });
        UUID recording = q.recording();
        UUID id = q.queue.enqueue(q.db, JobRequest.forRecording(handler.kind(), recording, 3));
        pools.start("node-a", 1, Duration.ofMillis(600), FAST, handler);
        await(WAIT, "the job to start", () -> handler.runs(id) == 1);

        assertEquals(1, q.queue.cancelFor(recording));

        await(Duration.ofSeconds(5), "the handler to see the stop", sawStop::get);
        sleep(300);
        assertEquals(JobState.CANCELLED, q.job(id).state(), "the handler's return was taken as a success");
    }

    @Test
    void closingHandsRunningJobsToAnotherWorkerAtOnce() {
        String kind = uniqueKind("restart");
        AtomicBoolean sawStop = new AtomicBoolean();
        ScriptedHandler stopping = new ScriptedHandler(kind, (job, context) -> {
            while (!context.stopRequested()) {
                Thread.sleep(10);
            }
            sawStop.set(true);
        });
        UUID id = q.enqueue(kind, 3);
        Workers old = pools.start("node-old", 1, Duration.ofMinutes(5), FAST, stopping);
        await(WAIT, "the job to start", () -> stopping.runs(id) == 1);

        long closing = System.nanoTime();
        old.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);

        assertTrue(sawStop.get());
        assertTrue(closeMillis < 3000, "close took " + closeMillis + " ms");
        JobView released = q.job(id);
        assertEquals(JobState.QUEUED, released.state());
        assertEquals(0, released.attempts(), "a graceful stop used up an attempt");
        ScriptedHandler next = ScriptedHandler.succeeding(kind);
        pools.start("node-new", 1, Duration.ofMinutes(5), FAST, next);
        await(Duration.ofSeconds(10), "the new worker to finish it", () -> q.job(id).state() == JobState.SUCCEEDED);
        assertEquals(1, q.job(id).attempts());
    }

    @Test
    void aHandlerThatIgnoresTheStopIsInterruptedAndItsJobHandedBack() {
        AtomicBoolean interrupted = new AtomicBoolean();
        ScriptedHandler stubborn = new ScriptedHandler(uniqueKind("stubborn"), (job, context) -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        });
        UUID id = q.enqueue(stubborn.kind(), 3);
        Workers old = pools.start("node-old", 1, Duration.ofMinutes(5), FAST, stubborn);
        await(WAIT, "the job to start", () -> stubborn.runs(id) == 1);

        long closing = System.nanoTime();
        old.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);

        assertTrue(closeMillis < 3000, "close took " + closeMillis + " ms");
        await(Duration.ofSeconds(2), "the interrupt", interrupted::get);
        sleep(100);
        JobView job = q.job(id);
        assertEquals(JobState.QUEUED, job.state());
        assertEquals(0, job.attempts());
        assertTrue(stubborn.deaths.isEmpty());
    }

    @Test
    void aRestartedNodeTakesBackItsOwnJobsWithoutWaitingForTheirLeases() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("comeback"));
        UUID id = q.enqueue(handler.kind(), 3);
        // The node's previous life claimed the job with a long lease, then was killed.
        q.repository().claim(List.of(handler.kind()), "node-r/previous-life", Duration.ofMinutes(10)).orElseThrow();

        pools.start("node-r", 1, LEASE, FAST, handler);

        await(Duration.ofSeconds(3), "the job to run again", () -> q.job(id).state() == JobState.SUCCEEDED);
        assertEquals(2, q.job(id).attempts());
    }

    @Test
    void aJobThatLostItsWorkerOnItsLastAttemptIsDeadWithoutRunningAgain() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("killer"));
        UUID id = q.enqueue(handler.kind(), 1);
        q.repository().claim(List.of(handler.kind()), "killed-node/1", Duration.ZERO).orElseThrow();

        pools.start("node-a", 1, LEASE, FAST, handler);

        // onDead comes first, then the write that makes the job dead.
        await(WAIT, "the job's death", () -> q.job(id).state() == JobState.DEAD);
        assertEquals(0, handler.runs(id));
        assertTrue(q.job(id).lastError().orElseThrow().contains("worker stopped"), q.job(id).toString());
        assertEquals(1, handler.deaths.size());
    }
}
