package org.lessonloop.jobs;

import org.lessonloop.architecture.FeatureApi;

/** What a running handler may ask of the queue. */
@FeatureApi
public interface JobContext {

    /**
     * True once this worker no longer holds the job (its lease was lost, or the job was cancelled,
     * or the server is stopping): the handler should stop and leave the rest to whoever runs it next.
     */
    boolean stopRequested();
}
