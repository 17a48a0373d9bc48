package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegRunTest {
    private final FfmpegRun ffmpeg = new FfmpegRun(FfmpegBinary.bundled());
    private final FfmpegCommands commands = new FfmpegCommands(VideoEncoder.OPENH264, MediaLimits.standard());

    @Test
    void theLadderRunReportsProgressAsItGoes(@TempDir Path dir) throws Exception {
        // Long enough that the encode outlasts ffmpeg's half-second progress period even on a fast, idle machine.
        Files.copy(TestMedia.mpeg4Mp3(30, 640, 360), dir.resolve(FfmpegCommands.SOURCE));
        MediaInfo info = new MediaProbe(FfmpegBinary.bundled(), MediaLimits.standard()).probe(dir.resolve(FfmpegCommands.SOURCE));
        TranscodePlan plan = new PlanTranscode(List.of(Rendition.forShortSide(360).orElseThrow())).plan(info);
        List<Long> reached = new CopyOnWriteArrayList<>();
        ffmpeg.run(new FfmpegRun.Invocation(commands.encode(plan), dir, Duration.ofMinutes(2), () -> false, reached::add,
                Double.parseDouble(plan.frameRate())));
        assertTrue(reached.stream().anyMatch(ms -> ms > 0 && ms < 27_000), "progress before the end: " + reached);
        assertEquals(30_000, reached.getLast(), 100);
    }

    @Test
    void aStoppedJobKillsItsFfmpeg(@TempDir Path dir) {
        AtomicBoolean stop = new AtomicBoolean();
        List<String> endless = List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25", "-f", "null", "-");
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException ignored) {
                // stop now
            }
            stop.set(true);
        });
        long start = System.nanoTime();
        assertThrows(FfmpegStoppedException.class, () -> ffmpeg.run(new FfmpegRun.Invocation(endless, dir, Duration.ofMinutes(1),
                stop::get, ms -> { }, 0)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aFailedRunSaysWhatFfmpegSaid(@TempDir Path dir) {
        FfmpegException e = assertThrows(FfmpegException.class, () -> ffmpeg.run(new FfmpegRun.Invocation(
                List.of("-i", "file:missing", "-f", "null", "-"), dir, Duration.ofMinutes(1), () -> false, ms -> { }, 0)));
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());
    }
}
