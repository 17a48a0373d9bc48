package org.lessonloop.jobs;

import org.lessonloop.architecture.FeatureApi;

/**
 * Does the work of one job kind. Handlers are idempotent: a job may run again after a crash or
 * a failed attempt, and running it twice must leave the same outputs and no orphans.
 */
@FeatureApi
public interface JobHandler {

    /** The {@code jobs.kind} this handler runs. */
    String kind();

    /**
     * Runs one attempt on a virtual thread. Returning ends the job; throwing fails this attempt
     * (retried with backoff), except {@link PermanentJobFailure}, which ends the job at once.
     */
    void run(Job job, JobContext context) throws Exception;

    /**
     * Called when the job ends without success (attempts used up or a permanent failure), before it
     * is marked dead, so the handler can record that on its subject. {@code reason} is the last error.
     * Throwing means it could not: it is called again later with the same reason, so it must be
     * idempotent, and it should record the failure before any clean-up that may fail.
     */
    default void onDead(Job job, String reason) {
    }
}
