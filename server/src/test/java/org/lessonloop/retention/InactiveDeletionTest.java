package org.lessonloop.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lessonloop.media.ProcessedMedia;
import org.lessonloop.media.TestMedia;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * A recording nobody touched for the policy's period goes, objects and rows, after its owner saw
 * the warning for M days; one she kept stays.
 */
@RealServer
class InactiveDeletionTest {
    /** Every table holding rows of a recording, by its recording_id column. */
    private static final List<String> RECORDING_TABLES = List.of("recordings WHERE id", "comments WHERE recording_id",
            "clips WHERE recording_id", "clip_exports WHERE recording_id", "recording_shares WHERE recording_id",
            "uploads WHERE recording_id", "annotation_labels WHERE recording_id", "jobs WHERE recording_id");

    private static TestServer server;
    private static Organization org;

    @Test
    void anInactiveRecordingIsDeletedAfterTheWarningAndAKeptOneStays() {
        var fixtures = new RetentionFixtures(server);
        fixtures.policy(org.admin, null, 30, 7);
        String idle = org.sharedRecording();
        new Tus(org.teacher).upload(idle, TestMedia.h264Aac(4, 320, 240));
        ProcessedMedia.awaitStatus(org.teacher, idle, Set.of("ready"), Duration.ofMinutes(3));
        assertEquals(201, org.sharedCoach.postJson("/api/recordings/" + idle + "/comments",
                new JsonObject().put("startMs", 500).put("body", "Nice wait time")).status());
        String clip = org.sharedCoach.postJson("/api/recordings/" + idle + "/clips",
                new JsonObject().put("title", "Wait time").put("startMs", 500).put("endMs", 2_500)).json().getString("id");
        assertEquals(202, org.sharedCoach.postJson("/api/clips/" + clip + "/export", new JsonObject()).status());
        awaitExport(clip);
        String kept = org.recording("Lesson she keeps");
        new Tus(org.teacher).upload(kept, TestMedia.h264Aac(2, 320, 240));
        ProcessedMedia.awaitStatus(org.teacher, kept, Set.of("ready"), Duration.ofMinutes(3));
        assertTrue(server.objectsUnder("recordings/" + idle + "/") >= 3, "source, renditions and the clip export are stored");
        assertEquals(List.of(), titles(org.teacher.get("/api/me/retention")), "day 0: nothing to warn about");

        fixtures.daysPass(22);
        var people = Organization.signedInAt(server.base());
        assertEquals(List.of(), titles(people.teacher.get("/api/me/retention")), "day 22: deletion is 8 days away, no warning yet");

        fixtures.daysPass(2);
        people = Organization.signedInAt(server.base());
        JsonArray notices = people.teacher.get("/api/me/retention").json().getJsonArray("notices");
        assertEquals(Set.of("Fractions, period 3", "Lesson she keeps"), Set.copyOf(titles(notices)), "day 24: both are 6 days away");
        OffsetDateTime deleteAt = OffsetDateTime.parse(notices.getJsonObject(0).getString("deleteAt"));
        assertTrue(deleteAt.isAfter(OffsetDateTime.now(server.clock())), "the date is ahead: " + deleteAt);
        assertEquals(List.of(), titles(people.otherTeacher.get("/api/me/retention")), "another teacher is told nothing of hers");
        assertEquals(List.of(), titles(people.sharedCoach.get("/api/me/retention")), "nor is her coach");
        assertEquals(403, people.sharedCoach.postJson("/api/recordings/" + idle + "/keep", new JsonObject()).status(),
                "only the owner keeps a recording");
        assertEquals(404, people.otherTeacher.postJson("/api/recordings/" + idle + "/keep", new JsonObject()).status());
        assertEquals(204, people.teacher.postJson("/api/recordings/" + kept + "/keep", new JsonObject()).status());
        assertEquals(List.of("Fractions, period 3"), titles(people.teacher.get("/api/me/retention")), "kept: no longer listed");

        fixtures.daysPass(5);
        assertEquals(0, fixtures.sweep().getInteger("deletionsQueued"), "day 29: not yet");
        fixtures.daysPass(2);
        assertEquals(1, fixtures.sweep().getInteger("deletionsQueued"), "day 31: the idle one, not the kept one");

        assertEquals(0, server.objectsUnder("recordings/" + idle + "/"), "every object of the deleted recording is gone");
        assertEquals(List.of(), server.store().listMultipartUploads("recordings/" + idle + "/"));
        for (String table : RECORDING_TABLES) {
            assertEquals(0, fixtures.count("SELECT count(*) FROM " + table + " = ?", idle), table);
        }
        assertEquals(1, fixtures.count("SELECT count(*) FROM recordings WHERE id = ?", kept), "the kept recording stays");
        assertTrue(server.objectsUnder("recordings/" + kept + "/") > 0);
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_events WHERE recording_id = ? AND action = 'recording.deleted' "
                + "AND actor_id IS NULL", idle), "the deletion is audited as the system's");
        people = Organization.signedInAt(server.base());
        assertEquals(404, people.teacher.get("/api/recordings/" + idle).status());
        assertEquals(404, people.sharedCoach.get("/api/recordings/" + idle + "/media/master.m3u8").status());
        fixtures.assertStorageConsistent();
    }

    private static void awaitExport(String clipId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"ready".equals(org.sharedCoach.get("/api/clips/" + clipId + "/export").json().getString("status"))) {
            assertTrue(System.nanoTime() < deadline, "the clip export never became ready");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static List<String> titles(ApiResponse response) {
        assertEquals(200, response.status(), response.toString());
        return titles(response.json().getJsonArray("notices"));
    }

    private static List<String> titles(JsonArray notices) {
        return notices.stream().map(n -> ((JsonObject) n).getString("title")).toList();
    }
}
