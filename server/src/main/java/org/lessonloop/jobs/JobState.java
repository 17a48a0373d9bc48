package org.lessonloop.jobs;

import java.util.Locale;
import org.lessonloop.architecture.FeatureApi;

/** Where a job is in its life: waiting, held by a worker, or ended one of three ways. */
@FeatureApi
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, DEAD, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Only a job that ended without success may be put back in the queue by hand. */
    public boolean retryable() {
        return this == DEAD || this == CANCELLED;
    }
}
