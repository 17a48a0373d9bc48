package org.lessonloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * admin check-storage on a server's real PostgreSQL and S3, with real orphans made the ways they
 * arise (a crash between writing an object and its row, a put whose abort never came, a recording
 * removed behind storage's back) beside live uploads that must survive a repair.
 */
@RealServer(env = {"LESSONLOOP_ROLE=web"})
class CheckStorageCommandTest {
    private static final int MIB = 1 << 20;

    private static TestServer server;
    private static Organization org;
    private static Tus tus;
    private static Cli cli;

    @BeforeAll
    static void start() {
        tus = new Tus(org.teacher);
        cli = new Cli(server.env());
    }

    /** Each test leaves storage consistent again for the next: what it orphaned goes. */
    @AfterEach
    void repairWhatTheTestLeft() {
        Cli.Result repaired = cli.run("check-storage", "--older-than", "0s", "--repair");
        assertEquals(0, repaired.code(), repaired::toString);
    }

    @Test
    void repairRemovesOrphanedObjectsAndAbandonedUploadsAndNothingARowNeeds() {
        Live live = liveUploads();
        String goneRecording = "recordings/" + UUID.randomUUID() + "/";
        List<String> orphans = List.of(
                goneRecording + "source",
                goneRecording + "media/v360/seg_00001.m4s",
                "recordings/" + live.unfinished + "/uploads/" + UUID.randomUUID() + "/tail-5242880",
                "stray/notes.txt");
        orphans.forEach(CheckStorageCommandTest::put);
        String abandonedKey = goneRecording + "clips/" + UUID.randomUUID() + ".mp4";
        String abandoned = server.store().createMultipartUpload(abandonedKey, "video/mp4");

        Cli.Result checked = cli.run("check-storage", "--older-than", "0s");

        assertEquals(1, checked.code(), checked::toString);
        orphans.forEach(key -> assertTrue(checked.out().contains("orphaned object: " + key), key + "\n" + checked));
        assertTrue(checked.out().contains("abandoned multipart upload: " + abandonedKey + " (upload " + abandoned), checked::toString);
        assertTrue(checked.out().contains("4 orphaned, 1 abandoned multipart upload(s), 0 missing"), checked::toString);
        orphans.forEach(key -> assertTrue(server.store().stat(key).isPresent(), "a check alone removes nothing: " + key));

        Cli.Result repaired = cli.run("check-storage", "--older-than", "0s", "--repair");
        Cli.Result after = cli.run("check-storage", "--older-than", "0s");

        assertEquals(0, repaired.code(), repaired::toString);
        assertTrue(repaired.out().contains("Repaired: removed 4 object(s), aborted 1 multipart upload(s)."), repaired::toString);
        orphans.forEach(key -> assertFalse(server.store().stat(key).isPresent(), key));
        assertEquals(List.of(), server.store().listMultipartUploads(goneRecording));
        assertEquals(0, after.code(), "a bucket that matches the rows: " + after);
        assertTrue(after.out().contains("0 orphaned, 0 abandoned multipart upload(s), 0 missing"), after::toString);
        live.assertIntact();
    }

    @Test
    void orphansYoungerThanTheGracePeriodAreLeftAloneAsWorkInFlight() {
        put("recordings/" + UUID.randomUUID() + "/source");

        Cli.Result repaired = cli.run("check-storage", "--repair");

        assertEquals(0, repaired.code(), repaired::toString);
        assertTrue(repaired.out().contains("0 orphaned") && repaired.out().contains("1 unclaimed but younger than 168h left alone"),
                repaired::toString);
        assertTrue(repaired.out().contains("removed 0 object(s)"), repaired::toString);
    }

    @Test
    void aRowWhoseObjectIsGoneIsReportedAndNotRepairable() {
        Live live = liveUploads();
        String source = "recordings/" + live.uploaded + "/source";
        server.store().remove(source);

        Cli.Result repaired = cli.run("check-storage", "--older-than", "0s", "--repair");

        assertEquals(1, repaired.code(), repaired::toString);
        assertTrue(repaired.out().contains("missing object: " + source + ", the source of recording " + live.uploaded), repaired::toString);
        assertTrue(repaired.out().contains("restore them from a backup"), repaired::toString);
        assertTrue(server.store().stat("recordings/" + live.unfinished + "/uploads/").isEmpty());
        assertEquals(1, server.store().listMultipartUploads("recordings/" + live.unfinished).size(), "the live upload is untouched");
        assertEquals(204, org.teacher.delete("/api/recordings/" + live.uploaded).status(), "the broken recording goes, for the next test");
    }

    /** A finished upload (its source stored) and an unfinished one (a multipart upload with one part and a parked tail). */
    private static Live liveUploads() {
        String uploaded = org.recording("Uploaded");
        tus.upload(uploaded, writeTemp(randomBytes(MIB, 1)));
        String unfinished = org.recording("Half uploaded");
        String url = tus.start(unfinished, 12L * MIB);
        assertEquals(204, tus.patch(url, 0, randomBytes(6 * MIB, 2)).status());
        return new Live(uploaded, unfinished, url);
    }

    private static final class Live {
        final String uploaded;
        final String unfinished;
        final String url;

        Live(String uploaded, String unfinished, String url) {
            this.uploaded = uploaded;
            this.unfinished = unfinished;
            this.url = url;
        }

        /** The finished source is there and the unfinished upload resumes and completes. */
        void assertIntact() {
            assertTrue(server.store().stat("recordings/" + uploaded + "/source").isPresent());
            assertEquals(6L * MIB, tus.offset(url));
            assertEquals(204, tus.patch(url, 6L * MIB, randomBytes(6 * MIB, 3)).status());
            assertEquals(12L * MIB, server.store().stat("recordings/" + unfinished + "/source").orElseThrow().size());
        }
    }

    private static void put(String key) {
        byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.store().put(key, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static java.nio.file.Path writeTemp(byte[] bytes) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("lessonloop-cli", ".mp4");
            java.nio.file.Files.write(file, bytes);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
