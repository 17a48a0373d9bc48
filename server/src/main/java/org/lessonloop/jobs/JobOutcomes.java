package org.lessonloop.jobs;

import java.time.Duration;
import org.lessonloop.architecture.FeatureApi;

/** Told how each attempt at a job ended, to count and time them (metrics). */
@FeatureApi
public interface JobOutcomes {
    JobOutcomes NONE = (kind, outcome, took) -> { };

    /** What became of an attempt. */
    enum Outcome { SUCCEEDED, RETRYING, DEAD, HANDED_BACK, DROPPED }

    void ended(String kind, Outcome outcome, Duration took);
}
