package org.lessonloop.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking work (JDBC, S3 SDK calls) on a virtual thread per task, never on the event loop,
 * and completes back on the caller's Vert.x context. Unordered on purpose: one slow request must
 * not queue the others behind it (DESIGN.md §3).
 *
 * <p>Bounded per node ({@link #limit}): each task holds at most one of the database pool's
 * connections, so as many run at once as the pool has, a few more wait their turn, and past that
 * {@link #call} fails at once with {@link Overloaded} (503 with Retry-After). Unbounded, a burst
 * queued thousands of virtual threads in front of the pool, and every request, the cheap ones too,
 * waited behind all of them until its client gave up. A body already on its way ({@link #transfer})
 * is never counted nor cut: an upload or a video playing goes on under any load.
 */
public final class Blocking {
    private static final ExecutorService VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();
    /** One per node, that is per Vert.x instance: several run side by side in tests. */
    private static final Map<Vertx, Limit> LIMITS = new ConcurrentHashMap<>();

    /** Blocking work that may throw checked exceptions. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws Exception;
    }

    /** The node has as much blocking work as it takes; the client should retry in {@link #RETRY_AFTER_SECONDS}. */
    public static final class Overloaded extends RuntimeException {
        public static final int RETRY_AFTER_SECONDS = 1;

        Overloaded() {
            super("Too much blocking work waiting", null, false, false);
        }
    }

    private record Limit(Semaphore running, AtomicInteger admitted, int most) {
        boolean admit() {
            if (admitted.incrementAndGet() > most) {
                admitted.decrementAndGet();
                return false;
            }
            return true;
        }

        boolean full() {
            return admitted.get() >= most;
        }
    }

    private Blocking() {
    }

    /**
     * Bounds the work started from this Vert.x instance's contexts: {@code concurrent} tasks at once,
     * {@code waiting} more in line. Work from elsewhere (no context, or another instance) is not bounded.
     */
    public static void limit(Vertx vertx, int concurrent, int waiting) {
        if (concurrent < 1 || waiting < 0) {
            throw new IllegalArgumentException("concurrent must be at least 1 and waiting at least 0");
        }
        LIMITS.put(vertx, new Limit(new Semaphore(concurrent, true), new AtomicInteger(), concurrent + waiting));
    }

    /** Forgets the bound of a Vert.x instance that is closing. */
    public static void unlimit(Vertx vertx) {
        LIMITS.remove(vertx);
    }

    /** Bounded blocking work; fails with {@link Overloaded}, without running, when the node is full. */
    public static <T> Future<T> call(Task<T> task) {
        Context context = Vertx.currentContext();
        Limit limit = context == null ? null : LIMITS.get(context.owner());
        if (limit == null) {
            return start(context, task);
        }
        if (!limit.admit()) {
            return Future.failedFuture(new Overloaded());
        }
        return start(context, () -> {
            try {
                limit.running().acquire();
            } catch (InterruptedException e) {
                limit.admitted().decrementAndGet();
                throw e;
            }
            try {
                return task.run();
            } finally {
                limit.running().release();
                limit.admitted().decrementAndGet();
            }
        });
    }

    /**
     * Moves a body the node has already taken on (a video to a player, an upload into storage):
     * for as long as it takes, neither counted against the bound nor refused.
     */
    public static <T> Future<T> transfer(Task<T> task) {
        return start(Vertx.currentContext(), task);
    }

    /** Before starting a new transfer: refuses it with {@link Overloaded} while the node is full. */
    public static void requireCapacity() {
        Context context = Vertx.currentContext();
        Limit limit = context == null ? null : LIMITS.get(context.owner());
        if (limit != null && limit.full()) {
            throw new Overloaded();
        }
    }

    private static <T> Future<T> start(Context context, Task<T> task) {
        Promise<T> promise = Promise.promise();
        VIRTUAL_THREADS.execute(() -> {
            try {
                T value = task.run();
                onContext(context, () -> promise.complete(value));
            } catch (Throwable e) {
                onContext(context, () -> promise.fail(e));
            }
        });
        return promise.future();
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
