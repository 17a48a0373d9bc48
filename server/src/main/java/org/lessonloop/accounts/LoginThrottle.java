package org.lessonloop.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.lessonloop.problems.ProblemException;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one key (email and client) within the
 * window, further attempts for it are refused until the oldest failure leaves the window.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts an attempt before the password is checked, so parallel guesses cannot all slip in
     * before the first failure is recorded; a successful sign-in clears the count. Sign-ins arrive
     * on every event loop at once: each key's failures change only inside the map's atomic
     * {@code compute}, so a concurrent {@link #forgetOld} cannot drop a deque another attempt is adding to.
     */
    public void reserveAttempt(String key) {
        failures.compute(key, (ignored, recent) -> {
            Deque<Instant> kept = recent == null ? new ArrayDeque<>() : recent;
            prune(kept);
            if (kept.size() >= maxFailures) {
                long wait = Duration.between(clock.instant(), kept.peekFirst().plus(window)).toSeconds() + 1;
                throw ProblemException.tooManyRequests("Too many failed sign-ins for this account. Try again in " + wait + " seconds.");
            }
            kept.addLast(clock.instant());
            return kept;
        });
    }

    public void recordSuccess(String key) {
        failures.remove(key);
    }

    /** Forgets keys with no recent failures, so the map does not grow with every address ever seen. */
    public void forgetOld() {
        for (String key : failures.keySet()) {
            failures.computeIfPresent(key, (ignored, recent) -> {
                prune(recent);
                return recent.isEmpty() ? null : recent;
            });
        }
    }

    private void prune(Deque<Instant> recent) {
        Instant cutoff = clock.instant().minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
            recent.removeFirst();
        }
    }
}
