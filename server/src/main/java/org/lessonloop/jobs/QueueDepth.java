package org.lessonloop.jobs;

import java.time.Duration;
import org.lessonloop.architecture.FeatureApi;

/**
 * One kind of job in the queue now: how many wait (of which {@code due} could run now, the rest wait
 * out a retry), how many run, and how long the longest-waiting due one has waited.
 */
@FeatureApi
public record QueueDepth(String kind, int queued, int due, int running, Duration oldestDueWait) {
}
