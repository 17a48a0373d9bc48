package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

@RealServer
class ClipExportTest {
    private static TestServer server;
    private static Organization org;
    private static String recordingId;

    @BeforeAll
    static void readyRecording() {
        recordingId = org.sharedRecording();
        new Tus(org.teacher).upload(recordingId, TestMedia.h264Aac(10, 640, 360));
        ProcessedMedia.awaitStatus(org.teacher, recordingId, Set.of("ready"), Duration.ofMinutes(3));
    }

    @Test
    void aCoachExportsAClipToAFrameAccurateMp4AndTheDownloadIsAudited(@TempDir Path dir) throws Exception {
        String clipId = clip(org.sharedCoach, 2_000, 5_500);
        ApiResponse requested = org.sharedCoach.postJson("/api/clips/" + clipId + "/export", new JsonObject());
        assertEquals(202, requested.status(), requested.toString());
        JsonObject ready = awaitExport(org.sharedCoach, clipId);
        assertEquals("ready", ready.getString("status"), ready.encode());

        var mp4 = org.sharedCoach.getBytes(ready.getString("download"));
        assertEquals(200, mp4.statusCode());
        assertEquals("video/mp4", mp4.headers().firstValue("Content-Type").orElseThrow());
        String disposition = mp4.headers().firstValue("Content-Disposition").orElseThrow();
        assertTrue(disposition.startsWith("attachment; filename=\"Question at "), disposition);
        Path file = Files.write(dir.resolve("clip.mp4"), mp4.body());
        MediaInfo info = new MediaProbe(FfmpegBinary.bundled(), MediaLimits.standard()).probe(file);
        assertEquals(3_500, info.durationMs(), 70, "cut to the frame (±2 frames at 30 fps)");
        assertTrue(info.hasAudio());
        assertTrue(org.teacher.get("/api/recordings/" + recordingId + "/audit").body().contains("clip.exported"));
    }

    @Test
    void askingAgainForTheSameCutReturnsTheExportUnderWay() {
        String clipId = clip(org.teacher, 1_000, 2_000);
        JsonObject first = org.teacher.postJson("/api/clips/" + clipId + "/export", new JsonObject()).json();
        JsonObject second = org.teacher.postJson("/api/clips/" + clipId + "/export", new JsonObject()).json();
        assertEquals(first.getString("clipId"), second.getString("clipId"));
        awaitExport(org.teacher, clipId);
        long jobs = org.admin.get("/api/jobs?state=succeeded").array().stream().map(JsonObject.class::cast)
                .filter(j -> j.getString("kind").equals(ExportClip.KIND) && recordingId.equals(j.getString("recordingId"))).count();
        assertTrue(jobs >= 1);
    }

    @Test
    void anExportOfAnOlderCutIsNotHandedOut() {
        String clipId = clip(org.teacher, 1_000, 3_000);
        org.teacher.postJson("/api/clips/" + clipId + "/export", new JsonObject());
        awaitExport(org.teacher, clipId);
        assertEquals(200, org.teacher.patchJson("/api/clips/" + clipId, new JsonObject().put("endMs", 4_000)).status());
        assertEquals(409, org.teacher.get("/api/clips/" + clipId + "/export.mp4").status());
    }

    @Test
    void strangersAndAdminsCannotExportOrDownload() {
        String clipId = clip(org.teacher, 1_000, 2_500);
        org.teacher.postJson("/api/clips/" + clipId + "/export", new JsonObject());
        awaitExport(org.teacher, clipId);
        for (ApiClient stranger : new ApiClient[] {org.unsharedCoach, org.otherTeacher, org.admin}) {
            assertEquals(404, stranger.postJson("/api/clips/" + clipId + "/export", new JsonObject()).status());
            assertEquals(404, stranger.get("/api/clips/" + clipId + "/export").status());
            assertEquals(404, stranger.get("/api/clips/" + clipId + "/export.mp4").status());
        }
        assertEquals(401, org.anonymous.get("/api/clips/" + clipId + "/export.mp4").status());
    }

    private static String clip(ApiClient who, long startMs, long endMs) {
        ApiResponse created = who.postJson("/api/recordings/" + recordingId + "/clips", new JsonObject()
                .put("title", "Question at " + startMs).put("startMs", startMs).put("endMs", endMs));
        assertEquals(201, created.status(), created.toString());
        return created.json().getString("id");
    }

    private static JsonObject awaitExport(ApiClient who, String clipId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonObject export = who.get("/api/clips/" + clipId + "/export").json();
            if (Set.of("ready", "failed").contains(export.getString("status")) || System.nanoTime() > deadline) {
                return export;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return export;
            }
        }
    }

}
