package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lessonloop.Application;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/** kill -9 of the process running a transcode loses nothing: another worker finishes the job. */
class WorkerCrashTest {

    @Test
    void aWorkerKilledMidTranscodeLeavesNoFfmpegAndAnotherWorkerFinishesTheJob() throws Exception {
        Path dataDir = Files.createTempDirectory("lessonloop-crash");
        DatabaseSettings db = TestDatabase.fresh();
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir); ObjectStore store = ObjectStore.connect(s3.settings())) {
            Map<String, String> env = TestServer.environment(dataDir, db, s3.settings());
            env.put("LESSONLOOP_JOB_LEASE_SECONDS", "3");
            try (var socket = new java.net.ServerSocket(0)) {
                env.put("LESSONLOOP_HTTP_PORT", Integer.toString(socket.getLocalPort()));
            }
            String id;
            Organization org;
            try (ServerProcess doomed = new ServerProcess(env, "256m")) {
                org = Organization.at(java.net.URI.create("http://127.0.0.1:" + doomed.port()));
                id = org.recording("Killed mid-transcode");
                new Tus(org.teacher).upload(id, TestMedia.mpeg4Mp3(40, 1280, 720));
                awaitTranscoding(org, id, doomed);
                doomed.kill();
            }
            assertTrue(noFfmpegWorksIn(dataDir), "the killed worker's ffmpeg died with it");

            // A fresh process on the same port, database and storage: the teacher's session still holds.
            try (Application restarted = Application.start(LessonloopConfig.from(env))) {
                JsonObject done = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("ready", "failed"), Duration.ofMinutes(4));
                assertEquals("ready", done.getString("status"), done.encode());
                new ProcessedMedia(store, id).assertPlayable(40_000);
                var job = org.admin.get("/api/jobs?state=succeeded").array().getJsonObject(0);
                assertEquals(2, job.getInteger("attempts"), "taken over after the lease expired: " + job.encode());
            }
        }
    }

    private static void awaitTranscoding(Organization org, String id, ServerProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject media = org.teacher.get("/api/recordings/" + id).json().getJsonObject("media");
            if ("transcoding".equals(media.getString("step")) && media.getInteger("progress", 0) >= 10) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never reached the transcoding step: "
                + org.teacher.get("/api/recordings/" + id).body() + "\n" + server.log());
    }

    /** True once no ffmpeg runs in a folder under {@code dataDir} (other tests' and programs' ffmpegs aside), within 5 s. */
    private static boolean noFfmpegWorksIn(Path dataDir) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (ProcessHandle.allProcesses().noneMatch(p -> isFfmpegIn(p, dataDir))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean isFfmpegIn(ProcessHandle process, Path dataDir) {
        if (!process.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false)) {
            return false;
        }
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).startsWith(dataDir);
        } catch (java.io.IOException e) {
            return false; // gone meanwhile
        }
    }
}
