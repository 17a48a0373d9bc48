package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.db.Tables.JOBS;
import static org.lessonloop.jobs.QueueDatabase.await;
import static org.lessonloop.jobs.QueueDatabase.uniqueKind;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Workers against real PostgreSQL: claiming, retries, leases, cancellation and shutdown. */
class WorkersTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Workers.Tuning FAST = new Workers.Tuning(
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), Duration.ofMillis(50), Duration.ofMillis(500));

    private static final QueueDatabase q = QueueDatabase.shared();
    private final List<Workers> pools = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        pools.forEach(Workers::close);
    }

    @Test
    void aJobRunsOnceAndSucceeds() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("once"));
        UUID id = q.enqueue(handler.kind(), 3);

        workers("node-a", 2, LEASE, FAST, handler);

        await(WAIT, "success", () -> q.job(id).state() == JobState.SUCCEEDED);
        JobView job = q.job(id);
        assertEquals(1, job.attempts());
        assertTrue(job.finishedAt().isPresent());
        assertTrue(job.lastError().isEmpty());
        sleep(200);
        assertEquals(1, handler.runs(id));
    }

    @Test
    void aFailingJobIsRetriedWithBackoffThenDiesWithItsLastError() {
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        ScriptedHandler handler = new ScriptedHandler(uniqueKind("flaky"), (job, context) -> {
            attempts.add(Instant.now());
            throw new IllegalStateException("storage said no on attempt " + job.attempt());
        });
        UUID id = q.enqueue(handler.kind(), 3);

        workers("node-a", 2, LEASE, FAST, handler);

        await(WAIT, "death", () -> q.job(id).state() == JobState.DEAD);
        sleep(200);
        JobView job = q.job(id);
        assertEquals(3, job.attempts());
        assertEquals("IllegalStateException: storage said no on attempt 3", job.lastError().orElseThrow());
        assertEquals(3, handler.runs(id));
        assertEquals(List.of(id + ": IllegalStateException: storage said no on attempt 3"), handler.deaths);
        // 100 ms then 400 ms, each ±20 %.
        assertTrue(Duration.between(attempts.get(0), attempts.get(1)).toMillis() >= 80, attempts::toString);
        assertTrue(Duration.between(attempts.get(1), attempts.get(2)).toMillis() >= 320, attempts::toString);
    }

    @Test
    void aFailedAttemptWaitsInTheQueueWithItsError() {
        ScriptedHandler handler = new ScriptedHandler(uniqueKind("later"), (job, context) -> {
            throw new java.io.IOException("disk full");
        });
        UUID id = q.enqueue(handler.kind(), 5);
        Workers.Tuning slowBackoff = new Workers.Tuning(new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(5)),
                Duration.ofMillis(50), Duration.ofMillis(500));

        workers("node-a", 1, LEASE, slowBackoff, handler);

        await(WAIT, "the failed attempt", () -> q.job(id).lastError().isPresent());
        JobView job = q.job(id);
        assertEquals(JobState.QUEUED, job.state());
        assertEquals(1, job.attempts());
        assertEquals("IOException: disk full", job.lastError().orElseThrow());
        assertTrue(job.runAfter().isAfter(Instant.now().plusSeconds(40)), job.runAfter().toString());
        assertTrue(job.runAfter().isBefore(Instant.now().plusSeconds(80)), job.runAfter().toString());
    }

    @Test
    void aPermanentFailureDiesAtTheFirstAttempt() {
        ScriptedHandler handler = new ScriptedHandler(uniqueKind("hopeless"), (job, context) -> {
            throw new PermanentJobFailure("This file is not a video.");
        });
        UUID id = q.enqueue(handler.kind(), 5);

        workers("node-a", 2, LEASE, FAST, handler);

        await(WAIT, "death", () -> q.job(id).state() == JobState.DEAD);
        JobView job = q.job(id);
        assertEquals(1, job.attempts());
        assertEquals("This file is not a video.", job.lastError().orElseThrow());
        assertEquals(List.of(id + ": This file is not a video."), handler.deaths);
    }

    @Test
    void twoWorkerPoolsShareFiftyJobsAndRunEachExactlyOnce() {
        String kind = uniqueKind("shared");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(q.enqueue(kind, 3));
        }
        ScriptedHandler.Work briefly = (job, context) -> Thread.sleep(50);
        ScriptedHandler first = new ScriptedHandler(kind, briefly);
        ScriptedHandler second = new ScriptedHandler(kind, briefly);

        workers("node-a", 4, LEASE, FAST, first);
        workers("node-b", 4, LEASE, FAST, second);

        await(WAIT, "all fifty", () -> ids.stream().allMatch(id -> q.job(id).state() == JobState.SUCCEEDED));
        for (UUID id : ids) {
            assertEquals(1, first.runs(id) + second.runs(id), "runs of " + id);
            assertEquals(1, q.job(id).attempts());
        }
        assertTrue(first.runs().size() > 0 && second.runs().size() > 0,
                "one pool ran everything: " + first.runs().size() + " / " + second.runs().size());
    }

    @Test
    void noMoreJobsRunAtOnceThanTheConcurrency() {
        String kind = uniqueKind("bounded");
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ScriptedHandler handler = new ScriptedHandler(kind, (job, context) -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            // Hold the slot until the pool is full (or clearly cannot fill), then a while longer.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (now.get() < 3 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            now.decrementAndGet();
        });
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(q.enqueue(kind, 1));
        }

        workers("node-a", 3, LEASE, FAST, handler);

        await(WAIT, "all eight", () -> ids.stream().allMatch(id -> q.job(id).state() == JobState.SUCCEEDED));
        assertEquals(3, most.get());
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenOverOnceItsLeaseExpires() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("orphan"));
        UUID id = q.enqueue(handler.kind(), 3);
        // A worker claims the job and is killed at once: it never renews its lease.
        assertEquals(id, q.repository().claim(List.of(handler.kind()), "killed-node/1", Duration.ofSeconds(1)).orElseThrow().id());
        OffsetDateTime leaseEnds = q.db.fetchValue(JOBS.LEASE_UNTIL, JOBS.ID.eq(id));

        workers("node-a", 2, LEASE, FAST, handler);

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
        workers("node-stalled", 1, LEASE, FAST, stalled);
        await(WAIT, "the first claim", () -> stalled.runs(id) == 1);
        // The first worker stalls past its lease (as in a long GC pause) before its next heartbeat.
        q.db.update(JOBS).set(JOBS.LEASE_UNTIL, OffsetDateTime.now().minusSeconds(1)).where(JOBS.ID.eq(id)).execute();
        ScriptedHandler next = ScriptedHandler.succeeding(kind);
        workers("node-next", 1, LEASE, FAST, next);
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
        workers("node-a", 1, Duration.ofMillis(600), FAST, handler);
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
        Workers old = workers("node-old", 1, Duration.ofMinutes(5), FAST, stopping);
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
        workers("node-new", 1, Duration.ofMinutes(5), FAST, next);
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
        Workers old = workers("node-old", 1, Duration.ofMinutes(5), FAST, stubborn);
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

        workers("node-r", 1, LEASE, FAST, handler);

        await(Duration.ofSeconds(3), "the job to run again", () -> q.job(id).state() == JobState.SUCCEEDED);
        assertEquals(2, q.job(id).attempts());
    }

    @Test
    void aJobThatLostItsWorkerOnItsLastAttemptIsDeadWithoutRunningAgain() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("killer"));
        UUID id = q.enqueue(handler.kind(), 1);
        q.repository().claim(List.of(handler.kind()), "killed-node/1", Duration.ZERO).orElseThrow();

        workers("node-a", 1, LEASE, FAST, handler);

        await(WAIT, "death", () -> q.job(id).state() == JobState.DEAD);
        assertEquals(0, handler.runs(id));
        assertTrue(q.job(id).lastError().orElseThrow().contains("worker stopped"), q.job(id).toString());
        assertEquals(1, handler.deaths.size());
    }

    @Test
    void aJobOfAKindNobodyHandlesIsLeftAlone() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("known"));
        UUID unknown = q.enqueue(uniqueKind("unknown"), 3);
        UUID known = q.enqueue(handler.kind(), 3);

        workers("node-a", 2, LEASE, FAST, handler);

        await(WAIT, "the known job", () -> q.job(known).state() == JobState.SUCCEEDED);
        sleep(200);
        JobView job = q.job(unknown);
        assertEquals(JobState.QUEUED, job.state());
        assertEquals(0, job.attempts());
    }

    @Test
    void retryingADeadJobRunsItAgain() {
        AtomicBoolean fixed = new AtomicBoolean();
        ScriptedHandler handler = new ScriptedHandler(uniqueKind("again"), (job, context) -> {
            if (!fixed.get()) {
                throw new PermanentJobFailure("The source is missing.");
            }
        });
        UUID id = q.enqueue(handler.kind(), 2);
        workers("node-a", 1, LEASE, FAST, handler);
        await(WAIT, "death", () -> q.job(id).state() == JobState.DEAD);
        fixed.set(true);

        assertTrue(q.queue.retry(id));

        await(WAIT, "the retried success", () -> q.job(id).state() == JobState.SUCCEEDED);
        assertEquals(1, q.job(id).attempts());
        assertEquals(2, handler.runs(id));
        assertFalse(q.queue.retry(id), "a succeeded job was queued again");
    }

    @Test
    void notifyingANewJobStartsItBeforeTheNextIdlePoll() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("nudge"));
        Workers.Tuning sleepy = new Workers.Tuning(FAST.backoff(), Duration.ofSeconds(20), FAST.stopGrace());
        Workers pool = workers("node-a", 1, LEASE, sleepy, handler);
        sleep(300); // the poller has found nothing and sleeps

        UUID id = q.enqueue(handler.kind(), 1);
        pool.notifyNewJob();

        await(Duration.ofSeconds(3), "the nudged job", () -> q.job(id).state() == JobState.SUCCEEDED);
    }

    // --- helpers ----------------------------------------------------------------------------

    private Workers workers(String node, int concurrency, Duration lease, Workers.Tuning tuning, JobHandler... handlers) {
        Workers pool = new Workers(q.db, q.clock, node, concurrency, lease, List.of(handlers), tuning);
        pools.add(pool);
        pool.start();
        return pool;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
