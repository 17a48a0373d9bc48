package org.lessonloop.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.lessonloop.jobs.JobOutcomes;

/**
 * Every attempt at a job, timed by kind and outcome: lessonloop_job_attempts_seconds. For
 * {@code media.process} that is the transcode (probe, ladder, publish); its failures are the
 * retrying and dead outcomes.
 */
final class JobMeters implements JobOutcomes {
    private final MeterRegistry registry;

    JobMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void ended(String kind, Outcome outcome, Duration took) {
        Timer.builder("lessonloop.job.attempts")
                .description("Attempts at background jobs, by kind and how they ended")
                .tag("kind", kind)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .record(took);
    }
}
