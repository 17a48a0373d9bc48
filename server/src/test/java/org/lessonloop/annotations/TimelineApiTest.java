package org.lessonloop.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.annotations.ReviewFixtures.clip;
import static org.lessonloop.annotations.ReviewFixtures.comment;
import static org.lessonloop.annotations.ReviewFixtures.privateNote;
import static org.lessonloop.annotations.ReviewFixtures.shared;
import static org.lessonloop.annotations.ReviewFixtures.timeline;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** The timeline read model, its filters, the exports and live events: all of it only what the caller may see. */
@RealServer
class TimelineApiTest {
    private static TestServer server;
    private static Organization org;

    @Test
    void theTimelineHoldsThreadsInTimeOrderAndClipsWithTheirTags() {
        String id = org.sharedRecording();
        fixtures().probed(id, 900_000);
        String goal = ReviewFixtures.goal(org.teacher, "Check for understanding");
        shared(org.sharedCoach, id, 90_000, "Later");
        comment(org.sharedCoach, id, new JsonObject().put("startMs", 10_000).put("body", "Earlier").put("tagIds", new JsonArray().add(goal)));
        clip(org.sharedCoach, id, 10_000, 20_000, "Hinge question");

        JsonObject timeline = timeline(org.teacher, id);

        assertEquals(900_000L, timeline.getLong("durationMs"));
        assertEquals(List.of("Earlier", "Later"), bodies(timeline));
        assertEquals("goal", timeline.getJsonArray("threads").getJsonObject(0).getJsonArray("tags").getJsonObject(0).getString("kind"));
        assertEquals("Hinge question", timeline.getJsonArray("clips").getJsonObject(0).getString("title"));
    }

    @Test
    void aCachedTimelineShowsAChangeMadeOnAnotherNode() {
        String id = org.sharedRecording();
        String commentId = shared(org.sharedCoach, id, 1_000, "As written").getString("id");
        assertEquals(List.of("As written"), bodies(timeline(org.teacher, id)));

        // Another node's write reaches this one through the database's notifications.
        assertEquals(1, server.sqlUpdate("UPDATE comments SET body = 'Edited elsewhere' WHERE id = ?::uuid", commentId));

        assertEquals(List.of("Edited elsewhere"),
                Eventually.until(() -> bodies(timeline(org.teacher, id)), bodies -> bodies.equals(List.of("Edited elsewhere"))));
    }

    @Test
    void aShareRevokedOnAnotherNodeClosesACachedTimeline() {
        String id = org.sharedRecording();
        shared(org.teacher, id, 1_000, "For my coach");
        assertEquals(200, org.sharedCoach.get("/api/recordings/" + id + "/timeline").status());

        assertEquals(1, server.sqlUpdate("DELETE FROM recording_shares WHERE recording_id = ?::uuid", id));

        ApiResponse after = Eventually.until(() -> org.sharedCoach.get("/api/recordings/" + id + "/timeline"), r -> r.status() == 404);
        assertProblem(after, 404, "no such recording");
    }

    @Test
    void theTimelineFiltersByTagAuthorAndKind() {
        String id = org.sharedRecording();
        String tag = ReviewFixtures.frameworkTag(org.admin, "Student talk", "#00aa00");
        comment(org.sharedCoach, id, new JsonObject().put("startMs", 1_000).put("body", "Tagged").put("tagIds", new JsonArray().add(tag)));
        shared(org.sharedCoach, id, 2_000, "Untagged");
        shared(org.teacher, id, 3_000, "Teacher's");
        privateNote(org.sharedCoach, id, 4_000, "Note");
        clip(org.sharedCoach, id, 0, 1_000, "Clip");

        assertEquals(List.of("Tagged"), bodies(filtered(id, "tag=" + tag)));
        assertEquals(List.of(), filtered(id, "tag=" + tag).getJsonArray("clips").getList());
        assertEquals(List.of("Teacher's"), bodies(filtered(id, "author=" + org.teacherId)));
        assertEquals(List.of("Note"), bodies(filtered(id, "kind=note")));
        assertEquals(List.of(), bodies(filtered(id, "kind=clip")));
        assertEquals(1, filtered(id, "kind=clip").getJsonArray("clips").size());
        assertEquals(0, filtered(id, "kind=comment").getJsonArray("clips").size());
        assertProblem(org.sharedCoach.get("/api/recordings/" + id + "/timeline?kind=everything"), 400, "kind");
        assertProblem(org.sharedCoach.get("/api/recordings/" + id + "/timeline?tag=nope"), 400, "tag");
    }

    @Test
    void revokingTheShareRemovesAccessToCommentsAtOnce() {
        String id = org.sharedRecording();
        String commentId = shared(org.sharedCoach, id, 1_000, "Before the revocation").getString("id");

        org.teacher.delete("/api/recordings/" + id + "/shares/" + org.sharedCoachId);

        assertProblem(org.sharedCoach.get("/api/recordings/" + id + "/timeline"), 404);
        assertProblem(org.sharedCoach.get("/api/recordings/" + id + "/comments.csv"), 404);
        assertProblem(org.sharedCoach.patchJson("/api/comments/" + commentId, new JsonObject().put("body", "After")), 404);
        assertProblem(org.sharedCoach.postJson("/api/comments/" + commentId + "/replies", new JsonObject().put("body", "After")), 404);
    }

    @Test
    void theCsvExportHoldsWhatTheCallerSeesAndDisarmsFormulas() {
        String id = org.sharedRecording();
        shared(org.sharedCoach, id, 61_250, "=HYPERLINK(\"http://evil\",\"click\"), said \"she\"");
        privateNote(org.sharedCoach, id, 2_000, "Coach's private note");

        ApiResponse teachers = org.teacher.get("/api/recordings/" + id + "/comments.csv");
        ApiResponse coachs = org.sharedCoach.get("/api/recordings/" + id + "/comments.csv");

        assertEquals(200, teachers.status(), teachers::toString);
        assertTrue(teachers.contentType().startsWith("text/csv"));
        assertTrue(teachers.body().contains("00:01:01.250"), teachers.body());
        assertTrue(teachers.body().contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\"), said \"\"she\"\"\""), teachers.body());
        assertFalse(teachers.body().contains("private note"), "the owner's export leaks the coach's private note");
        assertTrue(coachs.body().contains("Coach's private note"), coachs.body());
        assertTrue(org.teacher.get("/api/recordings/" + id + "/audit").body().contains("comments.exported"));
    }

    @Test
    void theWebVttExportHasOneEscapedCuePerThread() {
        String id = org.sharedRecording();
        fixtures().probed(id, 12_000);
        String first = shared(org.sharedCoach, id, 10_000, "Watch <b>this</b>\n\n--> part").getString("id");
        org.teacher.postJson("/api/comments/" + first + "/replies", new JsonObject().put("body", "Seen"));
        comment(org.sharedCoach, id, new JsonObject().put("startMs", 1_000).put("endMs", 3_000).put("body", "Range"));

        ApiResponse vtt = org.teacher.get("/api/recordings/" + id + "/comments.vtt");

        assertEquals(200, vtt.status(), vtt::toString);
        assertTrue(vtt.contentType().startsWith("text/vtt"));
        assertEquals("""
                WEBVTT

                00:00:01.000 --> 00:00:03.000
                Cara Coach: Range

                00:00:10.000 --> 00:00:12.000
                Cara Coach: Watch &lt;b&gt;this&lt;/b&gt;
                --&gt; part
                Tia Teacher: Seen

                """, vtt.body());
    }

    @Test
    void theWebVttExportKeepsEveryCueWithinTheDurationLearntAfterTheCommentsWereWritten() {
        String id = org.sharedRecording();
        String late = shared(org.sharedCoach, id, 7_200_000, "Written before probing").getString("id");
        // As an absurd time stored before times were bounded would be: near the end of a long.
        server.sqlUpdate("UPDATE comments SET start_ms = 9223372036854775000 WHERE id = ?::uuid", late);
        fixtures().probed(id, 12_000);

        ApiResponse vtt = Eventually.until(() -> org.teacher.get("/api/recordings/" + id + "/comments.vtt"),
                response -> response.body().contains("00:00:12.000 --> 00:00:12.001"));

        assertEquals(200, vtt.status(), vtt::toString);
        assertEquals("WEBVTT\n\n00:00:12.000 --> 00:00:12.001\nCara Coach: Written before probing\n\n", vtt.body());
    }

    @Test
    void thePrintableSummaryEscapesWhatAuthorsWroteAndRunsNothing() {
        String id = org.sharedRecording();
        shared(org.sharedCoach, id, 1_000, "<script>alert(1)</script>");
        clip(org.sharedCoach, id, 0, 1_000, "<img src=x onerror=alert(1)>");

        ApiResponse page = org.teacher.get("/api/recordings/" + id + "/summary.html");

        assertEquals(200, page.status(), page::toString);
        assertTrue(page.contentType().startsWith("text/html"));
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'", page.header("Content-Security-Policy"));
        assertFalse(page.body().contains("<script>"), page.body());
        assertFalse(page.body().contains("<img"), page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page.body());
        assertTrue(page.body().contains("Fractions, period 3"));
    }

    @Test
    void aGoalsEvidenceSpansRecordingsAndHidesPrivateNotes() {
        String goal = ReviewFixtures.goal(org.teacher, "Students justify answers");
        String first = org.sharedRecording();
        String second = org.sharedRecording();
        JsonArray tagged = new JsonArray().add(goal);
        comment(org.sharedCoach, first, new JsonObject().put("startMs", 1_000).put("body", "Evidence one").put("tagIds", tagged));
        comment(org.sharedCoach, second, new JsonObject().put("startMs", 1_000).put("body", "Coach's note").put("visibility", "private").put("tagIds", tagged));
        org.sharedCoach.postJson("/api/recordings/" + second + "/clips",
                new JsonObject().put("title", "Evidence clip").put("startMs", 0).put("endMs", 5_000).put("tagIds", tagged));
        org.teacher.postJson("/api/goals/" + goal + "/measurements", new JsonObject().put("date", "2026-11-02").put("value", -3));

        JsonObject teachers = org.teacher.get("/api/goals/" + goal + "/evidence").json();
        JsonObject coachs = org.sharedCoach.get("/api/goals/" + goal + "/evidence").json();
        ApiResponse csv = org.teacher.get("/api/goals/" + goal + "/evidence.csv");

        assertEquals(List.of("Evidence one"), teachers.getJsonArray("comments").stream().map(c -> ((JsonObject) c).getString("body")).toList());
        assertEquals(2, coachs.getJsonArray("comments").size());
        assertEquals("Evidence clip", teachers.getJsonArray("clips").getJsonObject(0).getString("title"));
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.body().contains("Evidence one") && csv.body().contains("Evidence clip") && csv.body().contains("2026-11-02,-3,"), csv.body());
        assertFalse(csv.body().contains("Coach's note"), csv.body());
        assertProblem(org.unsharedCoach.get("/api/goals/" + goal + "/evidence"), 404);
        assertProblem(org.admin.get("/api/goals/" + goal + "/evidence.csv"), 404);
    }

    @Test
    void deletingARecordingDeletesItsCommentsAndClipsEverywhere() {
        String goal = ReviewFixtures.goal(org.teacher, "Deleted with the lesson");
        String id = org.sharedRecording();
        String commentId = comment(org.sharedCoach, id, new JsonObject().put("startMs", 0).put("body", "Gone soon")
                .put("tagIds", new JsonArray().add(goal))).getString("id");
        String clipId = clip(org.sharedCoach, id, 0, 1_000, "Gone soon").getString("id");
        String playlistId = org.teacher.postJson("/api/playlists", new JsonObject().put("title", "Kept").put("clipIds", new JsonArray().add(clipId)))
                .json().getString("id");

        assertEquals(204, org.teacher.delete("/api/recordings/" + id).status());

        assertProblem(org.sharedCoach.patchJson("/api/comments/" + commentId, new JsonObject().put("body", "Back")), 404);
        assertProblem(org.teacher.get("/api/clips/" + clipId), 404);
        assertEquals(0, org.teacher.get("/api/playlists/" + playlistId).json().getJsonArray("clips").size());
        JsonObject evidence = org.teacher.get("/api/goals/" + goal + "/evidence").json();
        assertEquals(0, evidence.getJsonArray("comments").size() + evidence.getJsonArray("clips").size());
    }

    @Test
    void changesArePublishedPerRecordingAndPrivateNotesOnlyToTheirAuthor() throws InterruptedException {
        String id = org.sharedRecording();
        BlockingQueue<JsonObject> viewers = new LinkedBlockingQueue<>();
        BlockingQueue<JsonObject> author = new LinkedBlockingQueue<>();
        MessageConsumer<JsonObject> toViewers = server.eventBus().consumer(RecordingEvents.viewersAddress(java.util.UUID.fromString(id)), m -> viewers.add(m.body()));
        MessageConsumer<JsonObject> toAuthor = server.eventBus().consumer(RecordingEvents.userAddress(java.util.UUID.fromString(org.sharedCoachId)),
                m -> author.add(m.body()));
        toViewers.completion().await();
        toAuthor.completion().await();
        try {
            privateNote(org.sharedCoach, id, 1_000, "Only mine");
            String commentId = shared(org.sharedCoach, id, 2_000, "For everyone").getString("id");
            org.sharedCoach.patchJson("/api/comments/" + commentId, new JsonObject().put("body", "For everyone, edited"));
            clip(org.sharedCoach, id, 0, 1_000, "Live clip");

            JsonObject note = author.poll(10, TimeUnit.SECONDS);
            assertNotNull(note, "no event for the private note");
            assertEquals("Only mine", note.getJsonObject("data").getString("body"));
            List<String> seen = List.of(next(viewers), next(viewers), next(viewers));
            assertEquals(List.of("comment.created:For everyone", "comment.updated:For everyone, edited", "clip.created:Live clip"), seen);
            assertTrue(viewers.isEmpty(), "the private note reached the viewers: " + viewers);
        } finally {
            toViewers.unregister();
            toAuthor.unregister();
        }
    }

    private static String next(BlockingQueue<JsonObject> queue) throws InterruptedException {
        JsonObject event = queue.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "no event arrived");
        JsonObject data = event.getJsonObject("data");
        return event.getString("type") + ":" + (data.containsKey("body") ? data.getString("body") : data.getString("title"));
    }

    private static JsonObject filtered(String recordingId, String query) {
        ApiResponse timeline = org.sharedCoach.get("/api/recordings/" + recordingId + "/timeline?" + query);
        assertEquals(200, timeline.status(), timeline::toString);
        return timeline.json();
    }

    private static List<String> bodies(JsonObject timeline) {
        return timeline.getJsonArray("threads").stream().map(t -> ((JsonObject) t).getString("body")).toList();
    }

    private static ReviewFixtures fixtures() {
        return new ReviewFixtures(server);
    }
}
