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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ffmpeg child process: started in the job's own scratch folder, its {@code -progress} output
 * parsed into media time reached, the tail of its stderr kept for the failure reason, and killed
 * on timeout or when the job must stop.
 */
public final class FfmpegRun {
    /** Before each run's own arguments: quiet, never prompting, progress on stdout (bench/media replays them). */
    public static final List<String> GLOBAL_OPTIONS =
            List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1");
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegRun.class);
    private static final int STDERR_LINES_KEPT = 30;
    /**
     * Runs ffmpeg under a tiny shell that kills it when our end of its stdin closes: if this JVM
     * dies (kill -9, OOM), no orphaned ffmpeg keeps burning the cores the next worker needs.
     */
    private static final String ORPHAN_GUARD =
            // Background jobs get /dev/null as stdin, so the watcher reads the pipe through fd 3.
            "exec 3<&0; \"$@\" <&- & p=$!; (read _ <&3; kill -9 $p 2>/dev/null) & r=$!; wait $p; s=$?; "
                    + "kill $r 2>/dev/null; exit $s";

    private final FfmpegBinary binary;

    public FfmpegRun(FfmpegBinary binary) {
        this.binary = binary;
    }

    /**
     * What to run; {@code progressMs} receives the media time reached, in ms. {@code frameRate} (0 if
     * unknown) converts frame counts to time when ffmpeg cannot tell the time: an output that holds
     * frames back (the tiled sprite sheets) keeps its {@code out_time} at N/A until the end.
     */
    public record Invocation(List<String> arguments, Path workDir, Duration timeout, BooleanSupplier stop,
                             LongConsumer progressMs, double frameRate) {
    }

    public void run(Invocation invocation) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", ORPHAN_GUARD, "ffmpeg-guard"));
        command.add(binary.executable().toString());
        command.addAll(GLOBAL_OPTIONS);
        command.addAll(invocation.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(invocation.workDir().toFile());
        builder.environment().putAll(binary.environment());
        Process process;
        long started = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new FfmpegException("ffmpeg could not be started: " + e.getMessage(), "");
        }
        Deque<String> stderr = new ArrayDeque<>();
        Thread errors = Thread.ofVirtual().start(() -> keepTail(process.getErrorStream(), stderr));
        Thread progress = Thread.ofVirtual().start(() -> readProgress(process.getInputStream(), invocation));
        try {
            long deadline = System.nanoTime() + invocation.timeout().toNanos();
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (invocation.stop().getAsBoolean()) {
                    throw new FfmpegStoppedException();
                }
                if (System.nanoTime() > deadline) {
                    throw new FfmpegException("ffmpeg took longer than " + invocation.timeout().toMinutes() + " minutes",
                            tail(stderr));
                }
            }
            errors.join();
            progress.join();
            if (process.exitValue() != 0) {
                throw new FfmpegException("ffmpeg exited with " + process.exitValue(), tail(stderr));
            }
            LOG.info("ffmpeg took {} ms in {}: {}", (System.nanoTime() - started) / 1_000_000, invocation.workDir(), invocation.arguments());
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

    private static void readProgress(InputStream out, Invocation invocation) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                progressOf(line, invocation.frameRate()).ifPresent(invocation.progressMs()::accept);
            }
        } catch (IOException e) {
            // The process went away; the exit code decides success.
        }
    }

    /** The media time one {@code -progress} line tells, if any. Advisory: an odd line is skipped, never fatal. */
    static java.util.OptionalLong progressOf(String line, double frameRate) {
        try {
            // "out_time_us" is microseconds (so is "out_time_ms", despite its name).
            if (line.startsWith("out_time_us=") && !line.endsWith("N/A")) {
                return java.util.OptionalLong.of(Math.max(0, Long.parseLong(line.substring("out_time_us=".length()).strip()) / 1000));
            }
            if (line.startsWith("frame=") && frameRate > 0) {
                return java.util.OptionalLong.of((long) (Long.parseLong(line.substring("frame=".length()).strip()) * 1000 / frameRate));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        return java.util.OptionalLong.empty();
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
