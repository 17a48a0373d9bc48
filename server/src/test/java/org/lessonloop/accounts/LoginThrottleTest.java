package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lessonloop.problems.ProblemException;

/** The sign-in throttle as every event loop uses it at once. */
class LoginThrottleTest {
    private static final int MAX_FAILURES = 5;
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void parallelGuessesGetNoMoreAttemptsThanTheLimitWhileOldKeysAreForgotten() throws InterruptedException {
        // The clock moves a window on per round, so every round starts with the key's failures forgotten.
        AtomicLong now = new AtomicLong();
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(now.get());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        LoginThrottle throttle = new LoginThrottle(MAX_FAILURES, WINDOW, clock);
        for (int round = 0; round < 300; round++) {
            now.addAndGet(WINDOW.toSeconds() + 1);
            AtomicInteger admitted = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            Thread forgetter = Thread.ofPlatform().start(() -> {
                await(go);
                for (int i = 0; i < 50; i++) {
                    throttle.forgetOld();
                }
            });
            Thread[] guessers = new Thread[4];
            for (int t = 0; t < guessers.length; t++) {
                guessers[t] = Thread.ofPlatform().start(() -> {
                    await(go);
                    for (int i = 0; i < 5; i++) {
                        try {
                            throttle.reserveAttempt("ada@school.test|203.0.113.7");
                            admitted.incrementAndGet();
                        } catch (ProblemException refused) {
                            // The limit: what this test expects most guesses to meet.
                        }
                    }
                });
            }
            go.countDown();
            forgetter.join();
            for (Thread guesser : guessers) {
                guesser.join();
            }
            assertEquals(MAX_FAILURES, admitted.get(), "attempts admitted in round " + round);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
