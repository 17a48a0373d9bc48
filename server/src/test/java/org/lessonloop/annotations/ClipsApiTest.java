package org.lessonloop.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.annotations.ReviewFixtures.clip;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** Clips (named, tagged ranges) and clip playlists for a debrief. */
@RealServer
class ClipsApiTest {
    private static TestServer server;
    private static Organization org;

    @Test
    void aCoachCutsATaggedClipThatTheTeacherSees() {
        String id = org.sharedRecording();
        String tag = ReviewFixtures.frameworkTag(org.admin, "Questioning", "#FF8800");

        ApiResponse created = org.sharedCoach.postJson("/api/recordings/" + id + "/clips", new JsonObject()
                .put("title", "Open question").put("note", "Listen for the pause").put("startMs", 30_000).put("endMs", 45_500)
                .put("tagIds", new JsonArray().add(tag)));

        assertEquals(201, created.status(), created::toString);
        JsonObject listed = org.teacher.get("/api/recordings/" + id + "/clips").array().getJsonObject(0);
        assertEquals("Open question", listed.getString("title"));
        assertEquals("Listen for the pause", listed.getString("note"));
        assertEquals(30_000L, listed.getLong("startMs"));
        assertEquals(45_500L, listed.getLong("endMs"));
        JsonObject label = listed.getJsonArray("tags").getJsonObject(0);
        assertEquals(List.of("tag", "Questioning", "#ff8800"), List.of(label.getString("kind"), label.getString("name"), label.getString("color")));
    }

    @Test
    void aClipNeedsARangeInsideTheRecording() {
        String id = org.sharedRecording();
        fixtures().probed(id, 60_000);

        assertProblem(cut(id, new JsonObject().put("title", "Backwards").put("startMs", 5_000).put("endMs", 1_000)), 400, "after");
        assertProblem(cut(id, new JsonObject().put("title", "Too long").put("startMs", 5_000).put("endMs", 60_001)), 400, "beyond");
        assertProblem(cut(id, new JsonObject().put("title", "No end").put("startMs", 5_000)), 400, "endMs");
        assertProblem(cut(id, new JsonObject().put("startMs", 5_000).put("endMs", 6_000)), 400, "title");
        assertEquals(0, org.teacher.get("/api/recordings/" + id + "/clips").array().size());
    }

    @Test
    void aViewOnlyShareDoesNotAllowCuttingClips() {
        String id = org.recording("Viewed");
        org.teacher.postJson("/api/recordings/" + id + "/shares", new JsonObject().put("userId", org.unsharedCoachId).put("permission", "view"));

        assertProblem(org.unsharedCoach.postJson("/api/recordings/" + id + "/clips",
                new JsonObject().put("title", "Mine").put("startMs", 0).put("endMs", 1_000)), 403);
        org.teacher.delete("/api/recordings/" + id + "/shares/" + org.unsharedCoachId);
    }

    @Test
    void theAuthorEditsAClipAndTheTeacherMayDeleteIt() {
        String id = org.sharedRecording();
        String clipId = clip(org.sharedCoach, id, 1_000, 2_000, "Draft").getString("id");

        ApiResponse edited = org.sharedCoach.patchJson("/api/clips/" + clipId, new JsonObject().put("title", "Final").put("endMs", 4_000).putNull("note"));

        assertEquals(200, edited.status(), edited::toString);
        assertEquals("Final", edited.json().getString("title"));
        assertEquals(1_000L, edited.json().getLong("startMs"));
        assertEquals(4_000L, edited.json().getLong("endMs"));
        assertNull(edited.json().getValue("note"));
        assertProblem(org.sharedCoach.patchJson("/api/clips/" + clipId, new JsonObject().put("endMs", 500)), 400, "after");
        assertEquals(204, org.teacher.delete("/api/clips/" + clipId).status());
        assertProblem(org.teacher.get("/api/clips/" + clipId), 404);
    }

    @Test
    void aPlaylistOrdersClipsFromSeveralRecordingsOfOneTeacher() {
        String first = org.sharedRecording();
        String second = org.sharedRecording();
        String a = clip(org.sharedCoach, first, 0, 1_000, "A").getString("id");
        String b = clip(org.sharedCoach, second, 0, 1_000, "B").getString("id");
        String c = clip(org.teacher, first, 5_000, 6_000, "C").getString("id");

        ApiResponse created = org.sharedCoach.postJson("/api/playlists", new JsonObject().put("title", "Debrief 3").put("clipIds", new JsonArray().add(b).add(c).add(a)));

        assertEquals(201, created.status(), created::toString);
        assertEquals(org.teacherId, created.json().getString("teacherId"));
        String playlistId = created.json().getString("id");
        assertEquals(List.of("B", "C", "A"), titles(org.teacher.get("/api/playlists/" + playlistId)));
        ApiResponse reordered = org.sharedCoach.patchJson("/api/playlists/" + playlistId, new JsonObject().put("clipIds", new JsonArray().add(a).add(b)));
        assertEquals(List.of("A", "B"), titles(reordered));
        assertEquals(1, org.teacher.get("/api/playlists").array().size());
        assertProblem(org.teacher.patchJson("/api/playlists/" + playlistId, new JsonObject().put("title", "Mine")), 403);
        assertProblem(org.unsharedCoach.get("/api/playlists/" + playlistId), 404);
    }

    @Test
    void aPlaylistCannotMixTeachersOrUseClipsTheMakerCannotSee() {
        String tias = org.sharedRecording();
        String olus = org.otherTeacher.postJson("/api/recordings", new JsonObject().put("title", "Olu's lesson")).json().getString("id");
        org.otherTeacher.postJson("/api/recordings/" + olus + "/shares", new JsonObject().put("userId", org.sharedCoachId).put("permission", "comment"));
        String hidden = org.recording("Not shared");
        String a = clip(org.sharedCoach, tias, 0, 1_000, "Tia's").getString("id");
        String b = clip(org.sharedCoach, olus, 0, 1_000, "Olu's").getString("id");
        String c = clip(org.teacher, hidden, 0, 1_000, "Hidden").getString("id");

        assertProblem(org.sharedCoach.postJson("/api/playlists", new JsonObject().put("title", "Mixed").put("clipIds", new JsonArray().add(a).add(b))),
                400, "one teacher");
        assertProblem(org.sharedCoach.postJson("/api/playlists", new JsonObject().put("title", "Peeking").put("clipIds", new JsonArray().add(a).add(c))),
                400, c);
        assertProblem(org.sharedCoach.postJson("/api/playlists", new JsonObject().put("title", "Empty").put("clipIds", new JsonArray())), 400, "at least one");
        List<String> made = org.sharedCoach.get("/api/playlists").array().stream().map(p -> ((JsonObject) p).getString("title")).toList();
        assertTrue(made.stream().noneMatch(List.of("Mixed", "Peeking", "Empty")::contains), made::toString);
    }

    @Test
    void revokingTheShareRemovesTheClipsFromTheCoachsPlaylistAtOnce() {
        String id = org.sharedRecording();
        String a = clip(org.sharedCoach, id, 0, 1_000, "A").getString("id");
        String playlistId = org.sharedCoach.postJson("/api/playlists", new JsonObject().put("title", "Debrief").put("clipIds", new JsonArray().add(a)))
                .json().getString("id");

        org.teacher.delete("/api/recordings/" + id + "/shares/" + org.sharedCoachId);

        assertEquals(List.of(), titles(org.sharedCoach.get("/api/playlists/" + playlistId)));
        assertProblem(org.sharedCoach.get("/api/clips/" + a), 404);
        assertProblem(org.sharedCoach.get("/api/recordings/" + id + "/clips"), 404);
        assertEquals(List.of("A"), titles(org.teacher.get("/api/playlists/" + playlistId)));
    }

    private static ApiResponse cut(String recordingId, JsonObject body) {
        return org.sharedCoach.postJson("/api/recordings/" + recordingId + "/clips", body);
    }

    private static List<String> titles(ApiResponse playlist) {
        assertEquals(200, playlist.status(), playlist::toString);
        return playlist.json().getJsonArray("clips").stream().map(c -> ((JsonObject) c).getString("title")).toList();
    }

    private static ReviewFixtures fixtures() {
        return new ReviewFixtures(server);
    }
}
