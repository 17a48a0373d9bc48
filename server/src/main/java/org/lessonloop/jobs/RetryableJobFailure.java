package org.lessonloop.jobs;

import org.lessonloop.architecture.FeatureApi;

/**
 * A failure another attempt may fix (ffmpeg stopped half-way, the scratch disk was full), with a
 * message a person can act on: when the attempts run out, that message is the job's last error and
 * what {@link JobHandler#onDead} tells the subject's owner.
 */
@FeatureApi
public final class RetryableJobFailure extends RuntimeException {
    public RetryableJobFailure(String message) {
        super(message);
    }

    public RetryableJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
