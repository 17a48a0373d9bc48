package org.lessonloop.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a failed job waits before its next attempt: {@code base × 4^(attempt-1)}, capped, with
 * ±20 % jitter so that jobs failing together (storage down) do not all come back together.
 */
public record Backoff(Duration base, Duration cap) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("base must be positive and no larger than cap");
        }
    }

    /** The wait after attempt number {@code attempt} (counting from 1) has failed. */
    public Duration after(int attempt) {
        double exact = base.toMillis() * Math.pow(4, Math.max(0, attempt - 1));
        double capped = Math.min(exact, cap.toMillis());
        double jitter = ThreadLocalRandom.current().nextDouble(0.8, 1.2);
        return Duration.ofMillis(Math.round(capped * jitter));
    }
}
