package org.lessonloop.takeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lessonloop.media.ProcessedMedia;
import org.lessonloop.media.TestMedia;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/** A teacher's takeout, read back with java.util.zip: everything of hers, nothing of anyone else's. */
@RealServer
class TakeoutTest {
    private static TestServer server;
    private static Organization org;
    private static String lesson;
    private static String clipId;
    private static String goalId;
    private static String sharedWithHer;
    private static byte[] original;

    @BeforeAll
    static void aTeacherWithALessonCommentsAClipAndAGoal() throws IOException {
        lesson = org.sharedRecording();
        Path file = TestMedia.h264Aac(4, 320, 240);
        original = Files.readAllBytes(file);
        new Tus(org.teacher).upload(lesson, file);
        ProcessedMedia.awaitStatus(org.teacher, lesson, Set.of("ready"), Duration.ofMinutes(3));
        comment(org.sharedCoach, "Great wait time", "shared");
        comment(org.sharedCoach, "Coach's own reminder", "private");
        comment(org.teacher, "My private note", "private");
        clipId = org.teacher.postJson("/api/recordings/" + lesson + "/clips", new JsonObject().put("title", "Wait time")
                .put("startMs", 500).put("endMs", 2_500)).json().getString("id");
        assertEquals(202, org.teacher.postJson("/api/clips/" + clipId + "/export", new JsonObject()).status());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"ready".equals(org.teacher.get("/api/clips/" + clipId + "/export").json().getString("status"))) {
            assertTrue(System.nanoTime() < deadline, "export never ready");
            sleep();
        }
        goalId = org.teacher.postJson("/api/goals", new JsonObject().put("statement", "Students explain their reasoning"))
                .json().getString("id");
        assertEquals(201, org.teacher.postJson("/api/goals/" + goalId + "/measurements",
                new JsonObject().put("date", "2026-11-20").put("value", 42)).status());
        // Another teacher's lesson shared with her: hers to watch, not hers to take out.
        sharedWithHer = org.otherTeacher.postJson("/api/recordings", new JsonObject().put("title", "Olu's lesson")).json().getString("id");
        assertEquals(201, org.otherTeacher.postJson("/api/recordings/" + sharedWithHer + "/shares",
                new JsonObject().put("userId", org.teacherId).put("permission", "view")).status());
    }

    @Test
    void theArchiveHoldsHerOriginalCommentsClipsGoalsAndAuditAndIsAValidZip(@TempDir Path dir) throws Exception {
        var download = org.teacher.getBytes("/api/me/takeout");
        assertEquals(200, download.statusCode());
        assertEquals("application/zip", download.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(download.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment; filename=\"lessonloop-takeout-"));
        Map<String, byte[]> entries = streamed(download.body());
        String folder = entries.keySet().stream().filter(name -> name.endsWith("/recording.json")).findFirst().orElseThrow()
                .replace("recording.json", "");
        assertTrue(folder.contains("fractions-period-3-" + lesson.substring(0, 8)), folder);

        assertEquals(sha256(original), sha256(entries.get(folder + "original.mp4")), "the original, byte for byte");
        String comments = new String(entries.get(folder + "comments.json"));
        assertTrue(comments.contains("Great wait time") && comments.contains("My private note"), comments);
        assertFalse(comments.contains("Coach's own reminder"), "the coach's private note is hers, not the teacher's");
        String csv = new String(entries.get(folder + "comments.csv"));
        assertTrue(csv.startsWith("thread,kind,start") && csv.contains("Great wait time"), csv);
        JsonArray clips = new JsonArray(new String(entries.get(folder + "clips.json")));
        assertEquals("Wait time", clips.getJsonObject(0).getString("title"));
        byte[] exported = entries.get(folder + "clips/" + clipId + ".mp4");
        assertTrue(exported != null && exported.length > 1000, "the exported clip's MP4");
        assertEquals("ftyp", new String(exported, 4, 4), "an MP4 file");
        String audit = new String(entries.get(folder + "audit.json"));
        assertTrue(audit.contains("share.granted") && audit.contains("Tia Teacher"), audit);
        JsonObject goals = new JsonObject(new String(entries.get("goals.json")));
        JsonObject goal = goals.getJsonArray("goals").getJsonObject(0);
        assertEquals("Students explain their reasoning", goal.getString("statement"));
        assertEquals(1, goal.getJsonArray("measurements").size());
        assertTrue(entries.containsKey("README.txt"));
        assertFalse(String.join("\n", entries.keySet()).contains(sharedWithHer.substring(0, 8)), "a lesson only shared with her is not hers");
        assertEquals(1, entries.keySet().stream().filter(name -> name.endsWith("/recording.json")).count(), entries.keySet().toString());

        // The central directory agrees with the stream (what unzip and file managers read).
        Path zip = Files.write(dir.resolve("takeout.zip"), download.body());
        try (ZipFile read = new ZipFile(zip.toFile())) {
            assertEquals(entries.keySet(), Set.copyOf(read.stream().map(ZipEntry::getName).toList()));
        }
    }

    @Test
    void othersGetNothingOfHersAndHerRecordingIsNotFoundForThem() throws Exception {
        for (ApiClient other : new ApiClient[] {org.sharedCoach, org.otherTeacher, org.unsharedCoach, org.admin}) {
            assertEquals(404, other.get("/api/me/takeout?recording=" + lesson).status(), "her recording, asked by someone else");
            Map<String, byte[]> theirs = streamed(other.getBytes("/api/me/takeout").body());
            assertFalse(String.join("\n", theirs.keySet()).contains(lesson.substring(0, 8)), theirs.keySet().toString());
            theirs.values().forEach(bytes -> assertFalse(new String(bytes).contains("Great wait time")));
        }
        assertEquals(401, org.anonymous.get("/api/me/takeout").status());
        Map<String, byte[]> one = streamed(org.teacher.getBytes("/api/me/takeout?recording=" + lesson).body());
        assertTrue(one.keySet().stream().anyMatch(name -> name.endsWith("/original.mp4")), one.keySet().toString());
        assertFalse(one.containsKey("goals.json"), "one recording's archive holds that recording only");
    }

    /** Reads the archive front to back as a streaming reader does, checking every entry's CRC on the way. */
    private static Map<String, byte[]> streamed(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        assertFalse(entries.isEmpty(), "an archive with entries");
        return entries;
    }

    private static void comment(ApiClient who, String body, String visibility) {
        assertEquals(201, who.postJson("/api/recordings/" + lesson + "/comments",
                new JsonObject().put("startMs", 1_000).put("body", body).put("visibility", visibility)).status());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
