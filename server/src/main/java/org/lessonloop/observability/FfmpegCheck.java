package org.lessonloop.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.lessonloop.media.FfmpegBinary;

/**
 * Readiness of a worker: the bundled ffmpeg still starts (its system libraries are there, the
 * scratch disk lets it run). A run costs a few milliseconds; the answer is kept for a minute, so
 * probes every few seconds do not fork all day.
 */
final class FfmpegCheck {
    private static final Duration KEEP = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private long checkedAt;
    private String failure;

    synchronized Object check() throws Exception {
        if (checkedAt == 0 || System.nanoTime() - checkedAt > KEEP.toNanos()) {
            failure = run();
            checkedAt = System.nanoTime();
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return "up";
    }

    private static String run() throws InterruptedException {
        try {
            FfmpegBinary ffmpeg = FfmpegBinary.bundled();
            ProcessBuilder builder = new ProcessBuilder(ffmpeg.executable().toString(), "-hide_banner", "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(ffmpeg.environment());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return "ffmpeg -version did not answer within " + TIMEOUT.toSeconds() + " s";
            }
            return process.exitValue() == 0 ? null : "ffmpeg -version exited with " + process.exitValue();
        } catch (java.io.IOException | RuntimeException e) {
            return "ffmpeg cannot start: " + e.getMessage();
        }
    }
}
