package org.lessonloop.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ffmpeg run in the job's own scratch folder (a {@link ChildProcess}), its {@code -progress}
 * output parsed into media time reached.
 */
public final class FfmpegRun {
    /** Before each run's own arguments: quiet, never prompting, progress on stdout (bench/media replays them). */
    public static final List<String> GLOBAL_OPTIONS =
            List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1");
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegRun.class);

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
        List<String> arguments = new ArrayList<>(GLOBAL_OPTIONS);
        arguments.addAll(invocation.arguments());
        long started = System.nanoTime();
        ChildProcess.Result result = ChildProcess.run(binary, binary.executable(), arguments, invocation.workDir(),
                invocation.timeout(), invocation.stop(), out -> readProgress(out, invocation));
        if (!result.succeeded()) {
            throw new FfmpegException(result.failure(), result.stderrTail());
        }
        LOG.info("ffmpeg took {} ms in {}: {}", (System.nanoTime() - started) / 1_000_000, invocation.workDir(), invocation.arguments());
    }

    FfmpegBinary binary() {
        return binary;
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
}
