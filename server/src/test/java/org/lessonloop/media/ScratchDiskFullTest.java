package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.recordings.Recording;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * The jobs' scratch disk fills up during a transcode (a tmpfs barely larger than the source,
 * mounted over the scratch folder; skipped where this process may not mount): the recording ends
 * failed with a reason that blames the server's disk, not the teacher's file, the scratch
 * folder is left empty, and the owner's retry works once there is room again.
 */
@RealServer(env = {"LESSONLOOP_JOB_RETRY_SECONDS=1"})
class ScratchDiskFullTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static TestServer server;
    private static Organization org;
    private static Path scratch;

    @BeforeAll
    static void start() throws Exception {
        scratch = Files.createDirectories(server.dataDir().resolve("scratch").resolve("jobs"));
    }

    @AfterAll
    static void stop() throws Exception {
        mount("umount", scratch.toString());
    }

    @Test
    void aFullScratchDiskFailsTheRecordingTruthfullyAndTheRetryWorksOnceThereIsRoom() throws Exception {
        Path source = TestMedia.mpeg4Mp3(20, 1280, 720);
        long room = Files.size(source) + (512 << 10);
        assumeTrue(mount("mount", "-t", "tmpfs", "-o", "size=" + room, "tmpfs", scratch.toString()),
                "mounting a small tmpfs needs root (or CAP_SYS_ADMIN)");
        String id = org.recording("Scratch disk full");
        new Tus(org.teacher).upload(id, source);

        JsonObject failed = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("failed", "ready"), PATIENCE);
        assertEquals("failed", failed.getString("status"), failed.encode());
        String reason = failed.getString("statusReason", "");
        assertTrue(reason.contains("ran out of working space") && !reason.contains("damaged"), reason);
        assertFalse(reason.contains("Exception"), "the teacher reads words, not a Java class name: " + reason);
        assertEquals(List.of(), leftIn(scratch), "the failed attempts left nothing in scratch");
        StorageOutageTest.await("the failed attempt's outputs to go", () -> server.store().list(Recording.mediaPrefix(UUID.fromString(id))).isEmpty());
        StorageOutageTest.await("no job left to run", () -> org.unfinishedJobs(id).isEmpty());

        assertTrue(mount("mount", "-o", "remount,size=512m", scratch.toString()), "room again");
        ApiResponse retried = org.teacher.postJson("/api/recordings/" + id + "/processing/retry", new JsonObject());
        assertTrue(retried.status() < 300, retried.toString());
        JsonObject ready = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("ready", "failed"), PATIENCE);
        assertEquals("ready", ready.getString("status"), ready.encode());
        new ProcessedMedia(server.store(), id).assertPlayable(20_000);
        assertEquals(List.of(), leftIn(scratch));
        StorageOutageTest.await("no job left to run", () -> org.unfinishedJobs(id).isEmpty());
    }

    private static List<Path> leftIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> !f.equals(dir)).toList();
        }
    }

    private static boolean mount(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
