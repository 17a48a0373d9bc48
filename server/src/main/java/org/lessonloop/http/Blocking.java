package org.lessonloop.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs blocking work (JDBC, S3 SDK calls) on a virtual thread per task, never on the event loop,
 * and completes back on the caller's Vert.x context. Unordered on purpose: one slow request must
 * not queue the others behind it (DESIGN.md §3).
 */
public final class Blocking {
    private static final ExecutorService VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();

    /** Blocking work that may throw checked exceptions. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws Exception;
    }

    private Blocking() {
    }

    public static <T> Future<T> call(Task<T> task) {
        Context context = Vertx.currentContext();
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
