package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void theDefaultWaitsAboutFiveThenTwentyThenEightySeconds() {
        assertAround(5_000, Backoff.DEFAULT.after(1));
        assertAround(20_000, Backoff.DEFAULT.after(2));
        assertAround(80_000, Backoff.DEFAULT.after(3));
    }

    @Test
    void theWaitStopsGrowingAtTheCap() {
        assertAround(600_000, Backoff.DEFAULT.after(12));
        assertAround(600_000, Backoff.DEFAULT.after(1_000));
    }

    @Test
    void waitsAreJitteredSoJobsFailingTogetherComeBackApart() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            waits.add(Backoff.DEFAULT.after(2));
        }
        assertTrue(waits.size() > 10, waits.toString());
    }

    @Test
    void aCapBelowTheBaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(5)));
    }

    private static void assertAround(long millis, Duration wait) {
        assertTrue(wait.toMillis() >= millis * 0.8 && wait.toMillis() <= millis * 1.2, millis + " ms ±20 %, got " + wait);
    }
}
