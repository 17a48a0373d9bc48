package org.lessonloop.jobs;

/**
 * Does the work of one job kind. Handlers are idempotent: a job may run again after a crash or
 * a failed attempt, and running it twice must leave the same outputs and no orphans.
 */
public interface JobHandler {

    /** The {@code jobs.kind} this handler runs. */
    String kind();

    /**
     * Runs one attempt on a virtual thread. Returning ends the job; throwing fails this attempt
     * (retried with backoff), except {@link PermanentJobFailure}, which ends the job at once.
     */
    void run(Job job, JobContext context) throws Exception;

    /**
     * Called once when the job has ended without success (attempts used up or a permanent
     * failure), so the handler can record that on its subject. {@code reason} is the last error.
     */
    default void onDead(Job job, String reason) {
    }
}
