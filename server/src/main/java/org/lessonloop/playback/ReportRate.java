package org.lessonloop.playback;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.lessonloop.problems.ProblemException;

/**
 * Bounds how often one user may report playback on this node: a player sends a heartbeat every
 * 15 s and a report on each pause, so a burst of {@link #BURST} refilled at one per
 * {@link #REFILL_MS} is far above any real player and keeps a script from filling the table.
 */
final class ReportRate {
    static final int BURST = 30;
    static final long REFILL_MS = 1_000;

    private record Bucket(double tokens, long atMs) {
    }

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    ReportRate(Clock clock) {
        this.clock = clock;
    }

    void take(UUID userId) {
        long now = clock.millis();
        Bucket after = buckets.compute(userId, (id, bucket) -> {
            double tokens = bucket == null ? BURST : Math.min(BURST, bucket.tokens() + (now - bucket.atMs()) / (double) REFILL_MS);
            return new Bucket(tokens - 1, now);
        });
        if (after.tokens() < 0) {
            buckets.computeIfPresent(userId, (id, bucket) -> new Bucket(0, now));
            throw ProblemException.tooManyRequests("Playback is reported too often; the player reports again in a few seconds.");
        }
    }

    /** Buckets full again are the same as none. */
    void forgetIdle() {
        long now = clock.millis();
        buckets.values().removeIf(bucket -> bucket.tokens() + (now - bucket.atMs()) / (double) REFILL_MS >= BURST);
    }
}
