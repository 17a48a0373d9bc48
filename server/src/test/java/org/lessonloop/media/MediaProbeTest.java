package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lessonloop.jobs.RetryableJobFailure;

class MediaProbeTest {
    private final MediaProbe probe = new MediaProbe(FfmpegBinary.bundled(), MediaLimits.standard());

    @Test
    void describesAnH264AacRecording() {
        MediaInfo info = probe.probe(TestMedia.h264Aac(4, 640, 360));
        assertEquals("mov,mp4,m4a,3gp,3g2,mj2", info.container());
        assertEquals(4000, info.durationMs(), 100);
        assertEquals("h264", info.video().codec());
        assertEquals(640, info.video().width());
        assertEquals(360, info.video().height());
        assertEquals(30, info.video().frameRate(), 0.01);
        assertFalse(info.video().variableFrameRate());
        assertEquals(8, info.video().bitDepth());
        assertEquals("aac", info.audio().orElseThrow().codec());
        assertTrue(PlanTranscode.canCopy(info));
    }

    @Test
    void seesThePortraitRotationOfAPhoneRecording() {
        MediaInfo info = probe.probe(TestMedia.portrait(3));
        assertEquals(90, info.video().rotation());
        assertEquals(360, info.video().displayWidth());
        assertEquals(640, info.video().displayHeight());
        assertFalse(PlanTranscode.canCopy(info), "browsers ignore rotation flags in segments");
    }

    @Test
    void detectsVariableFrameRate() {
        assertTrue(probe.probe(TestMedia.variableFrameRate(4)).video().variableFrameRate());
    }

    @Test
    void seesHdrTransfer() {
        MediaInfo info = probe.probe(TestMedia.hdrTagged(2));
        assertTrue(info.video().isHdr());
        assertFalse(PlanTranscode.canCopy(info));
    }

    @Test
    void knowsAVideoWithoutSound() {
        assertTrue(probe.probe(TestMedia.videoOnly(2)).audio().isEmpty());
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(TestMedia.text("empty.mp4", ""), "The file is empty");
    }

    @Test
    void refusesATextFileNamedMp4() {
        assertRefused(TestMedia.text("notes.mp4", "Lesson notes: ask more open questions.\n".repeat(100)), "not a video");
    }

    @Test
    void refusesAnHlsPlaylistDisguisedAsVideo() {
        Path secret = TestMedia.text("secret.txt", "SECRET-OTHER-UPLOAD");
        assertRefused(TestMedia.text("playlist.mp4", "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://" + secret
                + "\n#EXT-X-ENDLIST\n"), "not a video");
    }

    @Test
    void refusesAConcatScriptDisguisedAsVideo() {
        Path other = TestMedia.h264Aac(4, 640, 360);
        assertRefused(TestMedia.text("concat.mp4", "ffconcat version 1.0\nfile '" + other + "'\n"), "not a video");
    }

    @Test
    void refusesAbsurdDimensionsBeforeDecoding() {
        assertRefused(TestMedia.absurdDimensions(), "8000×8000");
    }

    @Test
    void saysWhereATruncatedRecordingIsCutOff() {
        UnusableMediaException e = assertThrows(UnusableMediaException.class,
                () -> probe.probe(TestMedia.truncated(TestMedia.h264Aac(10, 640, 360), 0.5)));
        assertTrue(e.getMessage().startsWith("The recording is cut off at 0:0"), e.getMessage());
    }

    @Test
    void saysARecordingWithoutItsIndexIsIncomplete() {
        Path moovAtEnd = TestMedia.truncated(TestMedia.indexAtEnd(4), 0.7);
        assertRefused(moovAtEnd, "The file is incomplete");
    }

    @Test
    void aCrashingProbeFailsThisAttemptOnlyAndSaysItCrashed(@TempDir Path dir) throws Exception {
        MediaProbe crashing = new MediaProbe(standIn(dir, "kill -SEGV $$"), MediaLimits.standard());
        // Not an UnusableMediaException: a crash says nothing about the file, so the job tries again.
        RetryableJobFailure e = assertThrows(RetryableJobFailure.class, () -> crashing.probe(TestMedia.h264Aac(4, 640, 360)));
        assertTrue(e.getMessage().contains("ffprobe crashed (signal 11)"), e.getMessage());
    }

    @Test
    void aHangingProbeIsKilledAtItsTimeout(@TempDir Path dir) throws Exception {
        MediaLimits standard = MediaLimits.standard();
        MediaProbe hanging = new MediaProbe(standIn(dir, "sleep 600"), new MediaLimits(standard.maxSide(), standard.maxPixels(),
                standard.maxDuration(), standard.maxStreams(), Duration.ofSeconds(1)));
        long start = System.nanoTime();
        RetryableJobFailure e = assertThrows(RetryableJobFailure.class, () -> hanging.probe(TestMedia.h264Aac(4, 640, 360)));
        assertTrue(e.getMessage().contains("ffprobe took longer than 1 seconds"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aStoppedJobStopsItsProbe(@TempDir Path dir) throws Exception {
        MediaProbe hanging = new MediaProbe(standIn(dir, "sleep 600"), MediaLimits.standard());
        assertThrows(FfmpegStoppedException.class, () -> hanging.probe(TestMedia.h264Aac(4, 640, 360), () -> true));
    }

    /** The bundled ffmpeg beside an ffprobe that does only {@code script}: no real file makes ffprobe crash on demand. */
    private static FfmpegBinary standIn(Path dir, String script) throws Exception {
        Path ffprobe = Files.writeString(dir.resolve("ffprobe"), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(ffprobe, PosixFilePermissions.fromString("rwx------"));
        return new FfmpegBinary(FfmpegBinary.bundled().executable(), ffprobe);
    }

    private void assertRefused(Path file, String expected) {
        UnusableMediaException e = assertThrows(UnusableMediaException.class, () -> probe.probe(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
