package org.lessonloop.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * For what another node (or an operator in SQL) changes: this node hears of it through the
 * database's notifications a few milliseconds later, not within the same request.
 */
public final class Eventually {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Eventually() {
    }

    /** The first value that passes {@code done}, or the last one seen after the wait (for the caller's assertion to explain). */
    public static <T> T until(Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T seen = value.get();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            seen = value.get();
        }
        return seen;
    }
}
