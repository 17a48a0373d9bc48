package org.lessonloop.jobs;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.architecture.FeatureApi;

/**
 * What the features do with background work: queue it in the same transaction as the state change
 * it follows (so neither commits without the other), look at it, retry it, cancel it.
 * {@link Workers} run it.
 */
@FeatureApi
public final class JobQueue {
    private final JobRepository jobs;
    private final Clock clock;

    public JobQueue(DSLContext db, Clock clock) {
        this.jobs = new JobRepository(db, clock);
        this.clock = clock;
    }

    /**
     * Inserts a queued job through the caller's transaction, e.g.
     * {@code db.transaction(c -> { ...update...; queue.enqueue(c.dsl(), request); })}.
     * Workers see it only once that transaction commits.
     */
    public UUID enqueue(DSLContext tx, JobRequest request) {
        return new JobRepository(tx, clock).insert(request);
    }

    /** Puts a dead or cancelled job back in the queue with its attempts reset; false for any other state. */
    public boolean retry(UUID jobId) {
        return jobs.retry(jobId);
    }

    /** As {@link #retry(UUID)}, through the caller's transaction, to commit with the state change it follows. */
    public boolean retry(DSLContext tx, UUID jobId) {
        return new JobRepository(tx, clock).retry(jobId);
    }

    /** True while a job of this kind on this subject is queued or running, so a periodic sweep does not queue it twice. */
    public boolean pending(String kind, UUID subjectId) {
        return jobs.pending(kind, subjectId);
    }

    /** The most recently created job of this kind on the recording. */
    public Optional<JobView> latest(UUID recordingId, String kind) {
        return jobs.latest(recordingId, kind);
    }

    /** Queued and running jobs by kind, for health and metrics. */
    public java.util.List<QueueDepth> depth() {
        return jobs.depth();
    }

    public Optional<JobView> find(UUID jobId) {
        return jobs.find(jobId);
    }

    /**
     * Cancels the recording's queued and running jobs; a running handler sees
     * {@link JobContext#stopRequested()} at its worker's next heartbeat. Returns how many were cancelled.
     */
    public int cancelFor(UUID recordingId) {
        return jobs.cancelFor(recordingId);
    }
}
