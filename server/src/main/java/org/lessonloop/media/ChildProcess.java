package org.lessonloop.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One run of a bundled FFmpeg executable as a child process: started in a given folder, its stdout
 * handed to the caller, the tail of its stderr kept for the failure reason, and killed on timeout
 * or when the job must stop. Whatever the child does with a hostile file (crash, hang, runaway
 * memory) ends this run, never the server.
 */
final class ChildProcess {
    private static final int STDERR_LINES_KEPT = 30;
    private static final java.util.concurrent.ThreadFactory PIPE_READERS = Thread.ofPlatform().name("child-pipe-", 0).daemon().factory();
    /** SIGILL, SIGABRT, SIGBUS, SIGFPE, SIGKILL, SIGSEGV. */
    private static final Set<Integer> CRASH_SIGNALS = Set.of(4, 6, 7, 8, 9, 11);
    /**
     * Runs the executable under a tiny shell that kills it when our end of its stdin closes: if this
     * JVM dies (kill -9, OOM), no orphaned child keeps burning the cores the next worker needs.
     */
    private static final String ORPHAN_GUARD =
            // Background jobs get /dev/null as stdin, so the watcher reads the pipe through fd 3.
            "exec 3<&0; \"$@\" <&- & p=$!; (read _ <&3; kill -9 $p 2>/dev/null) & r=$!; wait $p; s=$?; "
                    + "kill $r 2>/dev/null; exit $s";

    /** How the child ended: its exit code (128 + n when signal n killed it) and what it said last. */
    record Result(String name, int exitCode, String stderrTail) {
        boolean succeeded() {
            return exitCode == 0;
        }

        /**
         * For a failure reason: a crash reads as one, not as an exit code. Only the signals of a crash
         * or of the OOM killer count: ffmpeg itself exits with 256 − errno (228: no space left).
         */
        String failure() {
            return CRASH_SIGNALS.contains(exitCode - 128) ? name + " crashed (signal " + (exitCode - 128) + ")"
                    : name + " exited with " + exitCode;
        }
    }

    private ChildProcess() {
    }

    /**
     * Runs {@code executable} (one of {@code binary}'s) with {@code arguments}; {@code stdout} reads
     * the child's output to its end on a thread of its own.
     *
     * @throws FfmpegException if it cannot start or outlives {@code timeout}
     * @throws FfmpegStoppedException if {@code stop} turned true first
     */
    static Result run(FfmpegBinary binary, Path executable, List<String> arguments, Path workDir, Duration timeout,
                      BooleanSupplier stop, Consumer<InputStream> stdout) throws InterruptedException {
        String name = executable.getFileName().toString();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", ORPHAN_GUARD, name + "-guard", executable.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(binary.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new FfmpegException(name + " could not be started: " + e.getMessage(), "");
        }
        Deque<String> stderr = new ArrayDeque<>();
        // Platform threads, not virtual ones: a read of a child's pipe blocks in native code and holds
        // its carrier, so readers left blocked (a killed child's orphan still holding the pipe) would
        // starve every virtual thread of the node (all blocking work, sign-ins included).
        Thread errors = PIPE_READERS.newThread(() -> keepTail(process.getErrorStream(), stderr));
        Thread output = PIPE_READERS.newThread(() -> stdout.accept(process.getInputStream()));
        errors.start();
        output.start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (stop.getAsBoolean()) {
                    throw new FfmpegStoppedException();
                }
                if (System.nanoTime() > deadline) {
                    throw new FfmpegException(name + " took longer than " + describe(timeout), tail(stderr));
                }
            }
            errors.join();
            output.join();
            return new Result(name, process.exitValue(), tail(stderr));
        } finally {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // Already closed with the process.
            }
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMinutes() > 0 ? timeout.toMinutes() + " minutes" : timeout.toSeconds() + " seconds";
    }

    private static void keepTail(InputStream err, Deque<String> tail) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_LINES_KEPT) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process went away; what was read so far is the tail.
        }
    }

    private static String tail(Deque<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
