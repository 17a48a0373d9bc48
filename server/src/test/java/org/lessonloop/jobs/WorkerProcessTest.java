package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.lessonloop.db.Tables.JOBS;
import static org.lessonloop.jobs.QueueDatabase.await;
import static org.lessonloop.jobs.QueueDatabase.uniqueKind;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A worker in a real separate JVM, killed with SIGKILL or stopped with SIGTERM in the middle of a job. */
class WorkerProcessTest {
    private static final Duration START = Duration.ofSeconds(60);

    private static final QueueDatabase q = QueueDatabase.shared();

    @Test
    void aJobWhoseWorkerJvmIsKilledIsFinishedByAnotherWorkerOnceTheLeaseRunsOut() throws Exception {
        String kind = uniqueKind("sigkill");
        UUID id = q.enqueue(kind, 3);
        Duration lease = Duration.ofSeconds(4);
        try (WorkerProcess child = new WorkerProcess(q.settings, kind, "child-node", lease)) {
            child.awaitLine("RUNNING " + id, START);
            assertEquals(JobState.RUNNING, q.job(id).state());
            OffsetDateTime leaseAtKill = q.db.fetchValue(JOBS.LEASE_UNTIL, JOBS.ID.eq(id));

            child.kill();

            ScriptedHandler rescuer = ScriptedHandler.succeeding(kind);
            try (Workers workers = new Workers(q.db, q.clock, "rescuer", 1, lease, List.of(rescuer), fastPolling())) {
                workers.start();
                await(Duration.ofSeconds(20), "the rescue", () -> q.job(id).state() == JobState.SUCCEEDED);
            }
            // Not taken while the killed worker's last lease lasted (it may have renewed it once more since).
            Instant rescued = q.job(id).finishedAt().orElseThrow();
            assertFalse(rescued.isBefore(leaseAtKill.toInstant()), "taken at " + rescued + ", lease until " + leaseAtKill);
            assertEquals(2, q.job(id).attempts());
            assertEquals(1, rescuer.runs(id));
        }
    }

    @Test
    void aWorkerJvmStoppedWithSigtermHandsItsJobBackAtOnce() throws Exception {
        String kind = uniqueKind("sigterm");
        UUID id = q.enqueue(kind, 3);
        try (WorkerProcess child = new WorkerProcess(q.settings, kind, "child-node", Duration.ofMinutes(10))) {
            child.awaitLine("RUNNING " + id, START);

            child.terminate();

            JobView released = q.job(id);
            assertEquals(JobState.QUEUED, released.state(), "the job still waits for a ten-minute lease");
            assertEquals(0, released.attempts(), "a graceful stop used up an attempt");
            ScriptedHandler next = ScriptedHandler.succeeding(kind);
            try (Workers workers = new Workers(q.db, q.clock, "next", 1, Duration.ofMinutes(10), List.of(next), fastPolling())) {
                workers.start();
                await(Duration.ofSeconds(10), "the next worker's success", () -> q.job(id).state() == JobState.SUCCEEDED);
            }
        }
    }

    private static Workers.Tuning fastPolling() {
        return new Workers.Tuning(Backoff.DEFAULT, Duration.ofMillis(50), Duration.ofSeconds(1));
    }
}
