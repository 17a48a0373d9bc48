package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.jobs.QueueDatabase.await;
import static org.lessonloop.jobs.QueueDatabase.sleep;
import static org.lessonloop.jobs.QueueDatabase.uniqueKind;
import static org.lessonloop.jobs.WorkerPools.FAST;
import static org.lessonloop.jobs.WorkerPools.LEASE;
import static org.lessonloop.jobs.WorkerPools.WAIT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workers against real PostgreSQL: running, retrying, sharing and bounding the work. */
class WorkersTest {
    private static final QueueDatabase q = QueueDatabase.shared();

    @RegisterExtension
    final WorkerPools pools = new WorkerPools(q);

    @Test
    void aJobRunsOnceAndSucceeds() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("once"));
        UUID id = q.enqueue(handler.kind(), 3);

        pools.start("node-a", 2, LEASE, FAST, handler);

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

        pools.start("node-a", 2, LEASE, FAST, handler);

        // onDead comes first, then the write that makes the job dead.
        await(WAIT, "the job's death", () -> q.job(id).state() == JobState.DEAD);
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
    void aDeathItsHandlerCouldNotRecordIsTriedAgainWithTheSameReasonWithoutRunningTheJob() {
        String kind = uniqueKind("unrecorded");
        List<String> told = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        JobHandler handler = new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void run(Job job, JobContext context) {
                runs.incrementAndGet();
                throw new PermanentJobFailure("This file is not a video.");
            }

            @Override
            public void onDead(Job job, String reason) {
                told.add(reason);
                if (told.size() == 1) {
                    throw new IllegalStateException("the database is away");
                }
            }
        };
        UUID id = q.enqueue(kind, 3);

        pools.start("node-a", 1, LEASE, FAST, handler);

        await(WAIT, "the job's death", () -> q.job(id).state() == JobState.DEAD);
        assertEquals(List.of("This file is not a video.", "This file is not a video."), told);
        assertEquals(1, runs.get(), "a job whose failure was final ran again");
        assertEquals("This file is not a video.", q.job(id).lastError().orElseThrow());
    }

    @Test
    void aFailedAttemptWaitsInTheQueueWithItsError() {
        ScriptedHandler handler = new ScriptedHandler(uniqueKind("later"), (job, context) -> {
            throw new java.io.IOException("disk full");
        });
        UUID id = q.enqueue(handler.kind(), 5);
        Workers.Tuning slowBackoff = new Workers.Tuning(new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(5)),
                Duration.ofMillis(50), Duration.ofMillis(500));

        pools.start("node-a", 1, LEASE, slowBackoff, handler);

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

        pools.start("node-a", 2, LEASE, FAST, handler);

        // onDead comes first, then the write that makes the job dead.
        await(WAIT, "the job's death", () -> q.job(id).state() == JobState.DEAD);
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

        pools.start("node-a", 4, LEASE, FAST, first);
        pools.start("node-b", 4, LEASE, FAST, second);

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

        pools.start("node-a", 3, LEASE, FAST, handler);

        await(WAIT, "all eight", () -> ids.stream().allMatch(id -> q.job(id).state() == JobState.SUCCEEDED));
        assertEquals(3, most.get());
    }

    @Test
    void aJobOfAKindNobodyHandlesIsLeftAlone() {
        ScriptedHandler handler = ScriptedHandler.succeeding(uniqueKind("known"));
        UUID unknown = q.enqueue(uniqueKind("unknown"), 3);
        UUID known = q.enqueue(handler.kind(), 3);

        pools.start("node-a", 2, LEASE, FAST, handler);

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
        pools.start("node-a", 1, LEASE, FAST, handler);
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
        Workers pool = pools.start("node-a", 1, LEASE, sleepy, handler);
        sleep(300); // the poller has found nothing and sleeps

        UUID id = q.enqueue(handler.kind(), 1);
        pool.notifyNewJob();

        await(Duration.ofSeconds(3), "the nudged job", () -> q.job(id).state() == JobState.SUCCEEDED);
    }
}
