package org.lessonloop.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.lessonloop.database.DatabaseSettings;

/** {@link WorkerProcessMain} in a JVM of its own, which a test can stop with SIGTERM or kill with SIGKILL. */
final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    WorkerProcess(DatabaseSettings db, String kind, String nodeId, Duration lease) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), WorkerProcessMain.class.getName(),
                db.jdbcUrl(), db.user(), db.password(), kind, nodeId, Long.toString(lease.toSeconds()))
                .redirectErrorStream(true)
                .start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | java.io.UncheckedIOException ended) {
                // The process is gone; what it printed stays in output.
            }
        });
    }

    /** Waits until the process prints this line. */
    void awaitLine(String line, Duration timeout) {
        QueueDatabase.await(timeout, "'" + line + "' from the worker process; it printed:\n" + String.join("\n", output),
                () -> output.contains(line) || !process.isAlive());
        if (!output.contains(line)) {
            throw new AssertionError("The worker process exited with " + process.exitValue() + ":\n" + String.join("\n", output));
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is released, as when the kernel's OOM killer strikes. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a container stop or a systemd restart sends, and wait for the process to end. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The worker process did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
