package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/** Upload → probe → transcode → ready, on real media through the real server, worker, ffmpeg and S3. */
@RealServer
class MediaPipelineTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static TestServer server;
    private static Organization org;

    @Test
    void anH264AacRecordingIsPlayableFirstThenReadyWithLadderThumbnailsAndWaveform() {
        String id = org.recording("Fractions");
        List<String> events = new CopyOnWriteArrayList<>();
        server.eventBus().<JsonObject>consumer(RecordingEvents.viewersAddress(java.util.UUID.fromString(id)),
                message -> events.add(message.body().getString("type") + ":" + message.body().getJsonObject("data").getString("status")));

        new Tus(org.teacher).upload(id, TestMedia.h264Aac(10, 1280, 720));
        JsonObject ready = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("ready", "failed"), PATIENCE);

        assertEquals("ready", ready.getString("status"), ready.encode());
        JsonObject media = ready.getJsonObject("media");
        assertEquals(10_000, media.getLong("durationMs"), 100);
        assertEquals(1280, media.getInteger("width"));
        assertEquals(true, media.getBoolean("playable"));
        assertEquals(100, media.getInteger("progress"));
        ProcessedMedia stored = new ProcessedMedia(server.store(), id);
        assertEquals(List.of("v360/index.m3u8", "v720/index.m3u8"), stored.variants(), "the copy on top, one encoded rung below");
        stored.assertPlayable(10_000);
        assertTrue(stored.text("master.m3u8").contains("RESOLUTION=1280x720"));
        assertTrue(stored.exists("poster.jpg"));
        assertTrue(stored.exists("sprite_0.jpg"));
        String vtt = stored.text("thumbnails.vtt");
        assertTrue(vtt.startsWith("WEBVTT") && vtt.contains("sprite_0.jpg#xywh=0,0,160,90"), vtt);
        JsonObject peaks = new JsonObject(stored.text("peaks.json"));
        assertEquals(100, peaks.getInteger("length"), 1, "ten peaks a second");
        assertTrue(peaks.getJsonArray("data").stream().mapToInt(v -> (Integer) v).max().orElseThrow() > 40, "the tone is audible");
        int playable = events.indexOf("recording.playable:null");
        assertTrue(playable >= 0 && playable < events.indexOf("recording.processing:ready"), events.toString());
        assertTrue(events.contains("recording.processing:processing"), events.toString());
    }

    @Test
    void aSourceBrowsersCannotPlayIsEncoded() {
        String id = processed(TestMedia.mpeg4Mp3(6, 640, 360), "ready");
        ProcessedMedia stored = new ProcessedMedia(server.store(), id);
        assertEquals(List.of("v360/index.m3u8"), stored.variants());
        stored.assertPlayable(6_000);
        assertTrue(stored.text("master.m3u8").contains("mp4a.40.2"), "MP3 became AAC");
    }

    @Test
    void aPortraitPhoneRecordingComesOutUpright() {
        String id = processed(TestMedia.portrait(4), "ready");
        assertTrue(new ProcessedMedia(server.store(), id).text("master.m3u8").contains("RESOLUTION=360x640"));
    }

    @Test
    void aSilentRecordingPlaysWithoutAWaveform() {
        String id = processed(TestMedia.videoOnly(4), "ready");
        ProcessedMedia stored = new ProcessedMedia(server.store(), id);
        stored.assertPlayable(4_000);
        assertFalse(stored.exists("peaks.json"));
        assertFalse(stored.text("master.m3u8").contains("mp4a"));
    }

    @Test
    void variableFrameRateBecomesConstant(@TempDir Path dir) {
        String id = processed(TestMedia.variableFrameRate(6), "ready");
        ProcessedMedia stored = new ProcessedMedia(server.store(), id);
        MediaInfo out = new MediaProbe(FfmpegBinary.bundled(), MediaLimits.standard()).probe(stored.joined("v360/index.m3u8", dir.resolve("v360.mp4")));
        assertFalse(out.video().variableFrameRate(), out.toString());
    }

    @Test
    void hdrIsToneMappedToSdr(@TempDir Path dir) {
        String id = processed(TestMedia.hdrTagged(3), "ready");
        ProcessedMedia stored = new ProcessedMedia(server.store(), id);
        MediaInfo out = new MediaProbe(FfmpegBinary.bundled(), MediaLimits.standard()).probe(stored.joined("v360/index.m3u8", dir.resolve("v360.mp4")));
        assertEquals("bt709", out.video().transfer());
    }

    @Test
    void aTruncatedRecordingFailsSayingWhereItIsCutOff() {
        JsonObject failed = failed(TestMedia.truncated(TestMedia.h264Aac(10, 640, 360), 0.5));
        assertTrue(failed.getString("statusReason").startsWith("The recording is cut off at 0:0"), failed.encode());
    }

    @Test
    void aTextFileNamedMp4FailsAsNotAVideo() {
        assertTrue(failed(TestMedia.text("lesson-plan.mp4", "Objectives:\n".repeat(50))).getString("statusReason")
                .startsWith("This file is not a video"));
    }

    @Test
    void anEmptyFileIsRefusedBeforeAnythingIsQueued() {
        String id = org.recording("Empty");
        var refused = new Tus(org.teacher).create(0, Tus.metadata(id, "zero.mp4"));
        assertEquals(400, refused.status());
        assertTrue(refused.json().getString("detail").startsWith("The file is empty"));
        assertEquals("awaiting_upload", org.teacher.get("/api/recordings/" + id).json().getString("status"));
    }

    @Test
    void absurdDimensionsAreRefusedBeforeDecoding() {
        assertTrue(failed(TestMedia.absurdDimensions()).getString("statusReason").contains("8000×8000"));
    }

    @Test
    void anHlsPlaylistDisguisedAsVideoReadsNothingAndLeavesNoOutput() throws Exception {
        Path secret = TestMedia.text("other-upload.txt", "SECRET-OF-ANOTHER-TEACHER");
        Path disguised = TestMedia.text("lesson.mp4", "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://" + secret
                + "\n#EXTINF:10,\n" + secret + "\n#EXT-X-ENDLIST\n");
        String id = org.recording("Disguised");
        new Tus(org.teacher).upload(id, disguised);
        JsonObject failed = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("ready", "failed"), PATIENCE);
        assertEquals("failed", failed.getString("status"));
        assertEquals(List.of(), new ProcessedMedia(server.store(), id).allMediaObjects());
        assertFalse(Files.list(server.dataDir().resolve("scratch").resolve("jobs")).findAny().isPresent(), "scratch cleaned");
    }

    @Test
    void theOwnerCanRetryAFailedRecordingAndOthersCannot() {
        String id = org.recording("Retry");
        new Tus(org.teacher).upload(id, TestMedia.text("notes2.mp4", "not a video"));
        ProcessedMedia.awaitStatus(org.teacher, id, Set.of("failed"), PATIENCE);

        assertEquals(404, org.unsharedCoach.postJson("/api/recordings/" + id + "/processing/retry", new JsonObject()).status());
        assertEquals(404, org.admin.postJson("/api/recordings/" + id + "/processing/retry", new JsonObject()).status());
        var retried = org.teacher.postJson("/api/recordings/" + id + "/processing/retry", new JsonObject());
        assertEquals(202, retried.status(), retried.toString());
        assertEquals("processing", retried.json().getString("status"));
        JsonObject again = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("failed"), PATIENCE);
        assertTrue(again.getString("statusReason").startsWith("This file is not a video"));
        // The failure is recorded before the job is buried, so the dead job shows a moment after the status.
        // The retry reuses the dead job, or queues a fresh one if the first was still being buried.
        long dead = Eventually.until(() -> org.admin.get("/api/jobs?state=dead").array().stream().map(JsonObject.class::cast)
                .filter(j -> id.equals(j.getString("recordingId"))).count(), count -> count >= 1);
        assertTrue(dead >= 1 && dead <= 2, dead + " dead jobs");
    }

    @Test
    void aReadyRecordingIsNotProcessedAgainOnRequest() {
        String id = processed(TestMedia.videoOnly(2), "ready");
        var refused = org.teacher.postJson("/api/recordings/" + id + "/processing/retry", new JsonObject());
        assertEquals(409, refused.status());
    }

    private static String processed(Path file, String expectedStatus) {
        String id = org.recording(file.getFileName().toString());
        new Tus(org.teacher).upload(id, file);
        JsonObject done = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("ready", "failed"), PATIENCE);
        assertEquals(expectedStatus, done.getString("status"), done.encode());
        return id;
    }

    private static JsonObject failed(Path file) {
        String id = processed(file, "failed");
        assertEquals(List.of(), new ProcessedMedia(server.store(), id).allMediaObjects(), "a failed job leaves no outputs");
        return org.teacher.get("/api/recordings/" + id).json();
    }
}
