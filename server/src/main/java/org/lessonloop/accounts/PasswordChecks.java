package org.lessonloop.accounts;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.lessonloop.problems.ProblemException;

/**
 * The slow password hashing, on its own threads (one per core) behind a short queue. A full queue
 * answers at once (429) instead of lining requests up: unbounded, 128 made-up sign-ins, 64 at a
 * time, made a real sign-in wait 14–17 s (issue 12), and held blocking slots all the while.
 *
 * <p>An email with no password (unknown, or invited and not yet activated) costs no hashing: its
 * answer waits, on a timer, about as long as real checks take lately, so a flood of made-up emails
 * burns no CPU while the two answers still look alike. It is refused like a real check when the
 * queue is full, so a full queue does not tell which emails exist either.
 */
public final class PasswordChecks implements AutoCloseable {
    private final PasswordHasher hasher;
    private final Vertx vertx;
    private final ExecutorService threads;
    private final int most;
    private final AtomicInteger admitted = new AtomicInteger();
    /** Recent real checks' time from admission to answer, in nanoseconds (moving average); 0 before the first. */
    private final AtomicLong typicalNanos = new AtomicLong();

    public PasswordChecks(PasswordHasher hasher, Vertx vertx, int slots, int waiting) {
        this.hasher = hasher;
        this.vertx = vertx;
        this.threads = Executors.newFixedThreadPool(slots, Thread.ofPlatform().name("password-hashing-", 0).daemon().factory());
        this.most = slots + waiting;
    }

    /** Whether the password is the stored one; empty {@code stored}: never, after the usual time. */
    public Future<Boolean> matches(String password, Optional<String> stored) {
        if (stored.isEmpty() && typicalNanos.get() > 0) {
            return answerLater(false);
        }
        return run(() -> stored.map(hash -> hasher.matches(password, hash)).orElseGet(() -> {
            hasher.simulateCheck(password);
            return false;
        }));
    }

    public Future<String> hash(String password) {
        return run(() -> hasher.hash(password));
    }

    private <T> Future<T> run(Supplier<T> work) {
        if (!admit()) {
            return Future.failedFuture(busy());
        }
        Context context = vertx.getOrCreateContext();
        Promise<T> promise = Promise.promise();
        long start = System.nanoTime();
        threads.execute(() -> {
            try {
                T result = work.get();
                learn(System.nanoTime() - start);
                context.runOnContext(ignored -> promise.complete(result));
            } catch (RuntimeException e) {
                context.runOnContext(ignored -> promise.fail(e));
            } finally {
                admitted.decrementAndGet();
            }
        });
        return promise.future();
    }

    private Future<Boolean> answerLater(boolean answer) {
        if (!admit()) {
            return Future.failedFuture(busy());
        }
        admitted.decrementAndGet();
        long jittered = (long) (typicalNanos.get() * ThreadLocalRandom.current().nextDouble(0.9, 1.1));
        Promise<Boolean> promise = Promise.promise();
        vertx.setTimer(Math.max(1, jittered / 1_000_000), ignored -> promise.complete(answer));
        return promise.future();
    }

    private boolean admit() {
        if (admitted.incrementAndGet() > most) {
            admitted.decrementAndGet();
            return false;
        }
        return true;
    }

    private void learn(long nanos) {
        typicalNanos.updateAndGet(old -> old == 0 ? nanos : (old * 7 + nanos) / 8);
    }

    private static ProblemException busy() {
        return ProblemException.tooManyRequests("Many people are signing in right now. Try again in a moment.");
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
