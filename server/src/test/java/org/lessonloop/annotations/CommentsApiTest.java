package org.lessonloop.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.annotations.ReviewFixtures.comment;
import static org.lessonloop.annotations.ReviewFixtures.privateNote;
import static org.lessonloop.annotations.ReviewFixtures.shared;
import static org.lessonloop.annotations.ReviewFixtures.timeline;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** Time-coded comments: points, ranges, private notes, threads, edits, soft deletion, mentions, and bad input refused with nothing written. */
@RealServer
class CommentsApiTest {
    private static TestServer server;
    private static Organization org;

    @Test
    void aCoachCommentsOnAPointAndOnARange() {
        String id = org.sharedRecording();

        JsonObject point = shared(org.sharedCoach, id, 12_500, "Great wait time here.");
        JsonObject range = comment(org.sharedCoach, id, new JsonObject().put("startMs", 60_000).put("endMs", 95_000).put("body", "Think-pair-share"));

        assertEquals("point", point.getString("kind"));
        assertEquals(12_500L, point.getLong("startMs"));
        assertNull(point.getValue("endMs"));
        assertEquals("shared", point.getString("visibility"));
        assertEquals(org.sharedCoachId, point.getJsonObject("author").getString("id"));
        assertEquals("range", range.getString("kind"));
        assertEquals(95_000L, range.getLong("endMs"));
        assertEquals(List.of(point.getString("id"), range.getString("id")), threadIds(timeline(org.teacher, id)));
    }

    @Test
    void drawingsAreSavedWithTheirCommentAndShownInTheTimelineUntilEditedAway() {
        String id = org.sharedRecording();
        JsonArray shapes = new JsonArray()
                .add(new JsonObject().put("kind", "rect").put("points", new JsonArray().add(new JsonArray().add(0.1).add(0.1))
                        .add(new JsonArray().add(0.4).add(0.3))).put("color", "#00AA00"))
                .add(new JsonObject().put("kind", "freehand").put("points", new JsonArray().add(new JsonArray().add(0).add(1))
                        .add(new JsonArray().add(0.5).add(0.5)).add(new JsonArray().add(1).add(0))));

        JsonObject created = comment(org.sharedCoach, id, new JsonObject().put("startMs", 3_000).put("body", "This corner").put("drawings", shapes));

        JsonArray stored = timeline(org.teacher, id).getJsonArray("threads").getJsonObject(0).getJsonArray("drawings");
        assertEquals(created.getJsonArray("drawings"), stored);
        assertEquals("#00aa00", stored.getJsonObject(0).getString("color"));
        assertEquals("#e53935", stored.getJsonObject(1).getString("color"), "a shape without a colour gets the default");
        org.sharedCoach.patchJson("/api/comments/" + created.getString("id"), new JsonObject().put("drawings", new JsonArray()));
        assertTrue(timeline(org.teacher, id).getJsonArray("threads").getJsonObject(0).getJsonArray("drawings").isEmpty());
    }

    @Test
    void drawingsOutsideTheFrameOrOfUnknownShapesAreRefusedWithNothingWritten() {
        String id = org.sharedRecording();
        JsonArray points = new JsonArray().add(new JsonArray().add(0.1).add(0.1)).add(new JsonArray().add(1.5).add(0.3));
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i < 501; i++) {
            tooMany.add(new JsonArray().add(0.5).add(0.5));
        }
        for (JsonArray bad : List.of(
                new JsonArray().add(new JsonObject().put("kind", "arrow").put("points", points)),
                new JsonArray().add(new JsonObject().put("kind", "circle").put("points", points)),
                new JsonArray().add(new JsonObject().put("kind", "freehand").put("points", tooMany)),
                new JsonArray().add(new JsonObject().put("kind", "rect").put("points", new JsonArray().add(new JsonArray().add(0).add(0)))
                        .put("color", "red")))) {
            ApiResponse refused = org.sharedCoach.postJson("/api/recordings/" + id + "/comments",
                    new JsonObject().put("startMs", 0).put("body", "x").put("drawings", bad));
            assertProblem(refused, 400);
            assertTrue(refused.json().getString("detail").startsWith("'drawings[0]"), refused::toString);
        }
        assertTrue(timeline(org.teacher, id).getJsonArray("threads").isEmpty());
    }

    @Test
    void htmlInABodyIsStoredAndReturnedAsText() {
        String id = org.sharedRecording();
        String script = "<script>alert('x')</script> & <b>bold</b>";

        JsonObject created = shared(org.sharedCoach, id, 0, script);

        assertEquals(script, created.getString("body"));
        assertEquals(script, timeline(org.teacher, id).getJsonArray("threads").getJsonObject(0).getString("body"));
    }

    @Test
    void aPrivateNoteIsSeenByItsAuthorAlone() {
        String id = org.sharedRecording();
        privateNote(org.sharedCoach, id, 1_000, "Ask about seating plan");
        shared(org.sharedCoach, id, 2_000, "Nice opener");

        assertEquals(2, timeline(org.sharedCoach, id).getJsonArray("threads").size());
        JsonArray ownersView = timeline(org.teacher, id).getJsonArray("threads");
        assertEquals(1, ownersView.size());
        assertEquals("Nice opener", ownersView.getJsonObject(0).getString("body"));
    }

    @Test
    void anotherUsersPrivateNoteCannotBeReadEditedRepliedToOrDeleted() {
        String id = org.sharedRecording();
        String note = privateNote(org.sharedCoach, id, 1_000, "Mine only").getString("id");

        assertProblem(org.teacher.patchJson("/api/comments/" + note, new JsonObject().put("body", "Seen it")), 404);
        assertProblem(org.teacher.postJson("/api/comments/" + note + "/replies", new JsonObject().put("body", "Hi")), 404);
        assertProblem(org.teacher.delete("/api/comments/" + note), 404);
        assertEquals("Mine only", timeline(org.sharedCoach, id).getJsonArray("threads").getJsonObject(0).getString("body"));
    }

    @Test
    void aViewOnlyCoachMayKeepPrivateNotesButNotComment() {
        String id = org.recording("View only");
        org.teacher.postJson("/api/recordings/" + id + "/shares", new JsonObject().put("userId", org.unsharedCoachId).put("permission", "view"));

        assertProblem(org.unsharedCoach.postJson("/api/recordings/" + id + "/comments",
                new JsonObject().put("startMs", 0).put("body", "Shared thought")), 403);
        privateNote(org.unsharedCoach, id, 0, "Note to self");
        assertEquals(0, timeline(org.teacher, id).getJsonArray("threads").size());
        org.teacher.delete("/api/recordings/" + id + "/shares/" + org.unsharedCoachId);
    }

    @Test
    void repliesFormAThreadUnderTheFirstComment() {
        String id = org.sharedRecording();
        String first = shared(org.sharedCoach, id, 5_000, "What did you notice?").getString("id");

        ApiResponse reply = org.teacher.postJson("/api/comments/" + first + "/replies", new JsonObject().put("body", "They were lost"));
        ApiResponse second = org.sharedCoach.postJson("/api/recordings/" + id + "/comments",
                new JsonObject().put("parentId", first).put("body", "Yes, the instructions"));

        assertEquals(201, reply.status(), reply::toString);
        assertEquals("reply", reply.json().getString("kind"));
        assertEquals(201, second.status(), second::toString);
        JsonObject thread = timeline(org.teacher, id).getJsonArray("threads").getJsonObject(0);
        assertEquals(first, thread.getString("id"));
        assertEquals(List.of("They were lost", "Yes, the instructions"),
                thread.getJsonArray("replies").stream().map(r -> ((JsonObject) r).getString("body")).toList());
    }

    @Test
    void aReplyToACommentOnAnotherRecordingIsRefused() {
        String id = org.sharedRecording();
        String other = org.sharedRecording();
        String first = shared(org.sharedCoach, other, 5_000, "Elsewhere").getString("id");

        assertProblem(org.sharedCoach.postJson("/api/recordings/" + id + "/comments",
                new JsonObject().put("parentId", first).put("body", "Wrong place")), 400, "another recording");
        assertEquals(0, timeline(org.teacher, id).getJsonArray("threads").size());
        assertEquals(0, timeline(org.teacher, other).getJsonArray("threads").getJsonObject(0).getJsonArray("replies").size());
    }

    @Test
    void repliesDoNotNestAndHaveNoTimeOfTheirOwn() {
        String id = org.sharedRecording();
        String first = shared(org.sharedCoach, id, 5_000, "Top").getString("id");
        String reply = org.teacher.postJson("/api/comments/" + first + "/replies", new JsonObject().put("body", "Reply")).json().getString("id");

        assertProblem(org.sharedCoach.postJson("/api/comments/" + reply + "/replies", new JsonObject().put("body", "Nested")), 400, "nest");
        assertProblem(org.sharedCoach.postJson("/api/recordings/" + id + "/comments",
                new JsonObject().put("parentId", first).put("body", "Timed").put("startMs", 3)), 400, "startMs");
    }

    @Test
    void anEditKeepsTheEditedFlagAndTime() {
        String id = org.sharedRecording();
        String commentId = shared(org.sharedCoach, id, 5_000, "Frist draft").getString("id");

        ApiResponse edited = org.sharedCoach.patchJson("/api/comments/" + commentId, new JsonObject().put("body", "First draft").put("endMs", 9_000));

        assertEquals(200, edited.status(), edited::toString);
        assertEquals("First draft", edited.json().getString("body"));
        assertEquals(5_000L, edited.json().getLong("startMs"));
        assertEquals("range", edited.json().getString("kind"));
        assertTrue(edited.json().getBoolean("edited"));
        assertTrue(edited.json().getString("editedAt") != null);
    }

    @Test
    void onlyTheAuthorEditsAComment() {
        String id = org.sharedRecording();
        String commentId = shared(org.sharedCoach, id, 5_000, "Coach's words").getString("id");

        assertProblem(org.teacher.patchJson("/api/comments/" + commentId, new JsonObject().put("body", "Teacher's words")), 403);
        assertEquals("Coach's words", timeline(org.teacher, id).getJsonArray("threads").getJsonObject(0).getString("body"));
    }

    @Test
    void aDeletedCommentStaysInItsThreadAsDeleted() {
        String id = org.sharedRecording();
        String first = shared(org.sharedCoach, id, 5_000, "Regrettable").getString("id");
        org.teacher.postJson("/api/comments/" + first + "/replies", new JsonObject().put("body", "Still useful"));

        ApiResponse deleted = org.sharedCoach.delete("/api/comments/" + first);

        assertEquals(204, deleted.status(), deleted::toString);
        JsonObject thread = timeline(org.teacher, id).getJsonArray("threads").getJsonObject(0);
        assertTrue(thread.getBoolean("deleted"));
        assertNull(thread.getValue("body"));
        assertEquals("Still useful", thread.getJsonArray("replies").getJsonObject(0).getString("body"));
        assertProblem(org.sharedCoach.patchJson("/api/comments/" + first, new JsonObject().put("body", "Back")), 409);
    }

    @Test
    void aCoachDowngradedToViewCanNoLongerEditTheirSharedComment() {
        String id = org.sharedRecording();
        String commentId = shared(org.sharedCoach, id, 5_000, "Before the downgrade").getString("id");

        org.teacher.postJson("/api/recordings/" + id + "/shares", new JsonObject().put("userId", org.sharedCoachId).put("permission", "view"));

        assertProblem(org.sharedCoach.patchJson("/api/comments/" + commentId, new JsonObject().put("body", "After")), 403);
        assertEquals("Before the downgrade", timeline(org.teacher, id).getJsonArray("threads").getJsonObject(0).getString("body"));
    }

    @Test
    void theTeacherMayDeleteAnyCommentOnTheirRecordingButACoachNotTheTeachers() {
        String id = org.sharedRecording();
        String coachs = shared(org.sharedCoach, id, 1_000, "Coach").getString("id");
        String teachers = shared(org.teacher, id, 2_000, "Teacher").getString("id");

        assertProblem(org.sharedCoach.delete("/api/comments/" + teachers), 403);
        assertEquals(204, org.teacher.delete("/api/comments/" + coachs).status());
    }

    @Test
    void aMentionAnswersAlikeWhetherTheColleagueHasAccessOrNot() {
        String id = org.sharedRecording();

        JsonObject withAccess = comment(org.sharedCoach, id, new JsonObject().put("startMs", 0).put("body", "@Tia look")
                .put("mentions", new JsonArray().add(org.teacherId)));
        JsonObject withoutAccess = comment(org.sharedCoach, id, new JsonObject().put("startMs", 0).put("body", "@Dev look")
                .put("mentions", new JsonArray().add(org.unsharedCoachId)));

        assertEquals(List.of(org.teacherId), withAccess.getJsonArray("mentions").getList());
        assertEquals(List.of(org.unsharedCoachId), withoutAccess.getJsonArray("mentions").getList());
        assertEquals(withAccess.fieldNames(), withoutAccess.fieldNames());
        assertProblem(org.unsharedCoach.get("/api/recordings/" + id + "/timeline"), 404);
    }

    @Test
    void mentionsNamePeopleOfTheOrganizationAndNeverInAPrivateNote() {
        String id = org.sharedRecording();

        assertProblem(org.sharedCoach.postJson("/api/recordings/" + id + "/comments", new JsonObject().put("startMs", 0).put("body", "@Nobody")
                .put("mentions", new JsonArray().add(java.util.UUID.randomUUID().toString()))), 400, "not a person of this organization");
        assertProblem(org.sharedCoach.postJson("/api/recordings/" + id + "/comments", new JsonObject().put("startMs", 0).put("body", "@Tia")
                .put("visibility", "private").put("mentions", new JsonArray().add(org.teacherId))), 400, "private");
        assertEquals(0, timeline(org.sharedCoach, id).getJsonArray("threads").size());
    }

    @Test
    void timesAreCheckedAgainstTheDurationOnceItIsKnown() {
        String id = org.sharedRecording();
        shared(org.sharedCoach, id, 7_200_000, "Before probing any time is taken");
        fixtures().probed(id, 600_000);

        // The media worker writes the duration to the database; the API node hears of it a moment later.
        ApiResponse pastTheEnd = Eventually.until(() -> post(id, new JsonObject().put("startMs", 600_001).put("body", "Past the end")),
                response -> response.status() == 400);
        assertProblem(pastTheEnd, 400, "beyond the end");
        assertProblem(post(id, new JsonObject().put("startMs", 500_000).put("endMs", 700_000).put("body", "Range past the end")), 400, "beyond");
        assertEquals(201, post(id, new JsonObject().put("startMs", 600_000).put("body", "The last moment")).status());
    }

    @Test
    void beforeTheDurationIsKnownTimesStayWithinTheLongestRecordingAccepted() {
        String id = org.sharedRecording();

        assertProblem(post(id, new JsonObject().put("startMs", 8 * 3_600_000L + 1).put("body", "Absurd")), 400, "longest recording");
        assertProblem(post(id, new JsonObject().put("startMs", 0).put("endMs", Long.MAX_VALUE).put("body", "Absurd")), 400, "longest recording");
        assertEquals(201, post(id, new JsonObject().put("startMs", 8 * 3_600_000L).put("body", "The last moment")).status());
    }

    @Test
    void badInputIsRefusedWithNothingWritten() {
        String id = org.sharedRecording();
        fixtures().probed(id, 600_000);

        assertProblem(post(id, new JsonObject().put("startMs", -1).put("body", "Negative")), 400, "negative");
        assertProblem(post(id, new JsonObject().put("startMs", 5_000).put("endMs", 4_000).put("body", "Backwards")), 400, "after");
        assertProblem(post(id, new JsonObject().put("startMs", 5_000).put("endMs", 5_000).put("body", "Empty range")), 400, "after");
        assertProblem(post(id, new JsonObject().put("body", "No time")), 400, "startMs");
        assertProblem(post(id, new JsonObject().put("startMs", 1.5).put("body", "Fraction")), 400, "whole number");
        assertProblem(post(id, new JsonObject().put("startMs", 5_000).put("body", "   ")), 400, "body");
        assertProblem(post(id, new JsonObject().put("startMs", 5_000).put("body", "x".repeat(10_001))), 400, "longer");
        assertProblem(post(id, new JsonObject().put("startMs", 5_000).put("body", "x".repeat(100 * 1024))), 413);
        assertProblem(post(id, new JsonObject().put("startMs", 5_000).put("body", "Tagged").put("tagIds", new JsonArray().add(fixtures().foreignTag()))),
                400, "tag");
        assertProblem(post(id, new JsonObject().put("startMs", 5_000).put("body", "Unknown").put("tagIds", new JsonArray().add(UUID.randomUUID().toString()))),
                400, "tag");
        assertProblem(post(id, new JsonObject().put("startMs", 5_000).put("body", "Extra").put("colour", "red")), 400, "colour");
        assertEquals(0, timeline(org.teacher, id).getJsonArray("threads").size());
    }

    @Test
    void aGoalOfAnotherTeacherCannotTagAComment() {
        String id = org.sharedRecording();
        String othersGoal = ReviewFixtures.goal(org.otherTeacher, "Not Tia's goal");
        String ownGoal = ReviewFixtures.goal(org.teacher, "Tia's goal");

        assertProblem(post(id, new JsonObject().put("startMs", 0).put("body", "Tagged").put("tagIds", new JsonArray().add(othersGoal))), 400, "goal");
        JsonObject tagged = comment(org.sharedCoach, id, new JsonObject().put("startMs", 0).put("body", "Evidence")
                .put("tagIds", new JsonArray().add(ownGoal)));

        JsonObject label = tagged.getJsonArray("tags").getJsonObject(0);
        assertEquals("goal", label.getString("kind"));
        assertEquals("Tia's goal", label.getString("name"));
        assertEquals(1, timeline(org.teacher, id).getJsonArray("threads").size());
    }

    @Test
    void commentsOnAnUnknownRecordingOrCommentAre404() {
        assertProblem(post(UUID.randomUUID().toString(), new JsonObject().put("startMs", 0).put("body", "Nowhere")), 404);
        assertProblem(org.sharedCoach.postJson("/api/comments/" + UUID.randomUUID() + "/replies", new JsonObject().put("body", "Nobody")), 404);
        assertProblem(org.sharedCoach.patchJson("/api/comments/not-an-id", new JsonObject().put("body", "x")), 404);
    }

    @Test
    void adminsAndStrangersCannotCommentOrReadComments() {
        String id = org.sharedRecording();
        shared(org.sharedCoach, id, 0, "For the teacher");

        for (var outsider : List.of(org.admin, org.unsharedCoach, org.otherTeacher)) {
            assertProblem(outsider.postJson("/api/recordings/" + id + "/comments", new JsonObject().put("startMs", 0).put("body", "Hi")), 404);
            assertProblem(outsider.get("/api/recordings/" + id + "/timeline"), 404);
        }
        assertFalse(timeline(org.teacher, id).getJsonArray("threads").isEmpty());
    }

    private static ApiResponse post(String recordingId, JsonObject body) {
        return org.sharedCoach.postJson("/api/recordings/" + recordingId + "/comments", body);
    }

    private static List<String> threadIds(JsonObject timeline) {
        return timeline.getJsonArray("threads").stream().map(t -> ((JsonObject) t).getString("id")).toList();
    }

    private static ReviewFixtures fixtures() {
        return new ReviewFixtures(server);
    }
}
