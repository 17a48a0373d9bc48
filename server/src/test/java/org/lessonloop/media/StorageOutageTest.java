package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.recordings.Recording;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * The S3 server stopped while media is processed, exported and delivered, then started again on the
 * same port and data: every recording and export ends ready, or failed with a reason its owner can
 * retry; no job is left running or queued; nothing is left in storage behind a failure.
 */
// Short waits between attempts: a job meets the outage on every one of them and dies in seconds.
@RealServer(env = {"LESSONLOOP_JOB_RETRY_SECONDS=1", "LESSONLOOP_JOB_LEASE_SECONDS=3"})
class StorageOutageTest {
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static TestServer server;
    private static Organization org;
    private static String readyRecording;

    @BeforeAll
    static void readyRecording() {
        readyRecording = org.sharedRecording();
        new Tus(org.teacher).upload(readyRecording, TestMedia.h264Aac(6, 640, 360));
        ProcessedMedia.awaitStatus(org.teacher, readyRecording, Set.of("ready"), PATIENCE);
    }

    /** A test that failed half-way must not leave the next one without storage. */
    @AfterEach
    void storageIsBack() {
        try {
            server.startStorage();
        } catch (RuntimeException alreadyRunning) {
            // The test started it again itself: its port is taken.
        }
    }

    @Test
    void storageLostDuringProcessingEndsTheRecordingFailedAndItsRetryEndsReadyWithNothingLeftOver() {
        String id = org.recording("Storage went away");
        new Tus(org.teacher).upload(id, TestMedia.mpeg4Mp3(20, 1280, 720));
        ProcessedMedia.awaitStatus(org.teacher, id, Set.of("processing"), PATIENCE);
        server.stopStorage();

        JsonObject failed = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("failed", "ready"), PATIENCE);
        assertEquals("failed", failed.getString("status"), failed.encode());
        assertFalse(failed.getString("statusReason", "").isBlank(), "a reason for the owner: " + failed.encode());

        server.startStorage();
        await("the failed attempt's outputs to go", () -> server.store().list(mediaPrefix(id)).isEmpty());
        await("no job left to run", () -> org.unfinishedJobs(id).isEmpty());

        ApiResponse retried = org.teacher.postJson("/api/recordings/" + id + "/processing/retry", new JsonObject());
        assertTrue(retried.status() < 300, retried.toString());
        JsonObject ready = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("ready", "failed"), PATIENCE);
        assertEquals("ready", ready.getString("status"), ready.encode());
        new ProcessedMedia(server.store(), id).assertPlayable(20_000);
        await("no job left to run", () -> org.unfinishedJobs(id).isEmpty());
    }

    @Test
    void storageLostDuringAClipExportEndsItFailedAndAskingAgainExportsIt() {
        String clipId = org.teacher.postJson("/api/recordings/" + readyRecording + "/clips", new JsonObject()
                .put("title", "Wait time").put("startMs", 1_000).put("endMs", 3_000)).json().getString("id");
        server.stopStorage();

        assertEquals(202, org.teacher.postJson("/api/clips/" + clipId + "/export", new JsonObject()).status());
        JsonObject failed = awaitExport(clipId);
        assertEquals("failed", failed.getString("status"), failed.encode());
        assertFalse(failed.getString("reason", "").isBlank(), failed.encode());

        server.startStorage();
        String key = Recording.storagePrefix(UUID.fromString(readyRecording)) + "clips/" + clipId + ".mp4";
        await("no export job left to run", () -> org.unfinishedJobs(readyRecording).isEmpty());
        assertTrue(server.store().stat(key).isEmpty(), "a failed export leaves no file");
        assertEquals(202, org.teacher.postJson("/api/clips/" + clipId + "/export", new JsonObject()).status());
        JsonObject ready = awaitExport(clipId);
        assertEquals("ready", ready.getString("status"), ready.encode());
        assertEquals(200, org.teacher.getBytes("/api/clips/" + clipId + "/export.mp4").statusCode());
    }

    @Test
    void mediaAskedForDuringAStorageOutageIs503WithRetryAfterAndServedAgainOnceStorageIsBack() {
        String master = "/api/recordings/" + readyRecording + "/media/master.m3u8";
        String before = org.sharedCoach.get(master).body();
        server.stopStorage();

        ApiResponse during = org.sharedCoach.get(master);
        assertEquals(503, during.status(), during.toString());
        assertEquals("5", during.header("Retry-After"));
        assertEquals("Storage unavailable", during.json().getString("title"));

        server.startStorage();
        ApiResponse after = org.sharedCoach.get(master);
        assertEquals(200, after.status(), after.toString());
        assertEquals(before, after.body());
    }

    private static String mediaPrefix(String id) {
        return Recording.mediaPrefix(UUID.fromString(id));
    }

    private static JsonObject awaitExport(String clipId) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonObject export = org.teacher.get("/api/clips/" + clipId + "/export").json();
            if (Set.of("ready", "failed").contains(export.getString("status"))) {
                return export;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The export is still " + export.encode());
            }
            sleep(200);
        }
    }

    static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + PATIENCE + " for " + what);
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
