package org.lessonloop.jobs;

import org.lessonloop.architecture.FeatureApi;

/**
 * A failure that another attempt cannot fix (the input is not a video, say). The message is
 * kept as the job's last error and handed to {@link JobHandler#onDead}, so it should be one a
 * person can act on.
 */
@FeatureApi
public final class PermanentJobFailure extends RuntimeException {
    public PermanentJobFailure(String message) {
        super(message);
    }

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
