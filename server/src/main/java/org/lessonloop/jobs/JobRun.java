package org.lessonloop.jobs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one claimed job: runs its handler, renews the lease when the worker's scheduler
 * says so, and records the outcome under that lease. Once a stop was requested the handler's
 * outcome is not trusted as a success: a handler asked to stop may return early.
 */
final class JobRun implements JobContext {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    /** Why the handler was asked to stop. */
    private enum Stop { LOST, SHUTDOWN }

    private final JobRepository jobs;
    private final JobHandler handler;
    private final Job job;
    private final String owner;
    private final Duration lease;
    private final Backoff backoff;
    private final JobOutcomes outcomes;
    private final AtomicReference<Stop> stop = new AtomicReference<>();

    JobRun(JobRepository jobs, JobHandler handler, Job job, String owner, Duration lease, Backoff backoff, JobOutcomes outcomes) {
        this.outcomes = outcomes;
        this.jobs = jobs;
        this.handler = handler;
        this.job = job;
        this.owner = owner;
        this.lease = lease;
        this.backoff = backoff;
    }

    @Override
    public boolean stopRequested() {
        return stop.get() != null;
    }

    void run() {
        try {
            if (job.attempt() > job.maxAttempts()) {
                // Claimed again after its worker died on the last attempt (killed, out of memory), or after
                // its death could not be recorded: no more tries, and the reason is the last one recorded.
                die(jobs.find(job.id()).flatMap(JobView::lastError)
                        .orElse("Its worker stopped during the last of " + job.maxAttempts() + " attempts."), null);
            } else {
                attempt();
            }
        } catch (RuntimeException e) {
            // The lease runs out and another worker takes the job again.
            LOG.warn("Could not record the outcome of job {} ({}): {}", job.id(), job.kind(), e.getMessage());
        }
    }

    private void attempt() {
        long started = System.nanoTime();
        Throwable failure = null;
        try {
            handler.run(job, this);
        } catch (Throwable e) {
            failure = e;
        }
        record(failure, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Called every lease/3 by the worker's scheduler. */
    void heartbeat() {
        try {
            if (!jobs.renew(job.id(), owner, lease) && stop.compareAndSet(null, Stop.LOST)) {
                LOG.info("Job {} ({}) was cancelled or taken over; asking its handler to stop", job.id(), job.kind());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the lease of job {} ({}): {}", job.id(), job.kind(), e.getMessage());
        }
    }

    /** The server is stopping: the handler should return soon and the job goes back to the queue. */
    void shutdown() {
        stop.compareAndSet(null, Stop.SHUTDOWN);
    }

    /** The handler did not stop in time: hand the job to another worker now rather than at lease expiry. */
    void abandon() {
        shutdown();
        jobs.release(job.id(), owner);
    }

    private void record(Throwable failure, Duration took) {
        Stop why = stop.get();
        if (why == Stop.SHUTDOWN) {
            jobs.release(job.id(), owner);
            LOG.info("Job {} ({}) handed back to the queue after {} ms: this worker is stopping", job.id(), job.kind(), took.toMillis());
            outcomes.ended(job.kind(), JobOutcomes.Outcome.HANDED_BACK, took);
            return;
        }
        boolean recorded;
        JobOutcomes.Outcome outcome;
        if (why == Stop.LOST) {
            recorded = false;
            outcome = JobOutcomes.Outcome.DROPPED;
        } else if (failure == null) {
            recorded = jobs.succeed(job.id(), owner);
            outcome = JobOutcomes.Outcome.SUCCEEDED;
            if (recorded) {
                LOG.info("Job {} ({}) succeeded in {} ms (attempt {})", job.id(), job.kind(), took.toMillis(), job.attempt());
            }
        } else if (failure instanceof PermanentJobFailure || job.isLastAttempt()) {
            recorded = die(describe(failure), failure);
            outcome = JobOutcomes.Outcome.DEAD;
        } else {
            Duration wait = backoff.after(job.attempt());
            recorded = jobs.requeue(job.id(), owner, wait, describe(failure));
            outcome = JobOutcomes.Outcome.RETRYING;
            if (recorded) {
                LOG.warn("Job {} ({}) failed after {} ms on attempt {} of {}; next try in {} s", job.id(), job.kind(),
                        took.toMillis(), job.attempt(), job.maxAttempts(), wait.toSeconds(), failure);
            }
        }
        if (!recorded) {
            LOG.info("Job {} ({}) was cancelled or taken over while it ran; its outcome after {} ms is dropped",
                    job.id(), job.kind(), took.toMillis());
            outcome = JobOutcomes.Outcome.DROPPED;
        }
        outcomes.ended(job.kind(), outcome, took);
    }

    /**
     * Ends the job without success. The handler records that on its subject first, while this worker
     * still holds the job: if it cannot (its database is away), the job waits and dies again later with
     * the same reason, so no subject is left looking busy behind a dead job. False when the job was no
     * longer this worker's.
     */
    private boolean die(String reason, Throwable failure) {
        try {
            handler.onDead(job, reason);
        } catch (RuntimeException e) {
            Duration wait = backoff.after(job.attempt());
            LOG.warn("The handler of job {} ({}) could not record its failure; trying again in {} s", job.id(), job.kind(),
                    wait.toSeconds(), e);
            return jobs.postponeDeath(job.id(), owner, wait, reason);
        }
        if (!jobs.bury(job.id(), owner, reason)) {
            return false;
        }
        LOG.warn("Job {} ({}) is dead after attempt {} of {}: {}", job.id(), job.kind(), job.attempt(), job.maxAttempts(),
                reason, failure);
        return true;
    }

    /** A short message for last_error: a job failure's own words, otherwise what was thrown. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text;
        if ((failure instanceof PermanentJobFailure || failure instanceof RetryableJobFailure) && message != null) {
            text = message;
        } else {
            text = message == null ? failure.getClass().getSimpleName() : failure.getClass().getSimpleName() + ": " + message;
        }
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
