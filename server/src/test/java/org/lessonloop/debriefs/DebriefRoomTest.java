package org.lessonloop.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;

/** A debrief room on one node through real sockets: playback in step, who drives, who may be in it. */
@RealServer
class DebriefRoomTest {
    private static final Vertx vertx = Vertx.vertx();
    private static Organization org;

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @Test
    void twoParticipantsConvergeThroughPlayPauseSeekRateAndItem() {
        String recordingId = org.sharedRecording();
        JsonObject room = Rooms.onPlaylist(org, recordingId);
        String id = room.getString("id");
        assertEquals(2, room.getJsonArray("items").size(), room::encode);
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            assertEquals(2_000, Rooms.state(teacher.welcome).getLong("positionMs"), "the room starts at the first clip");
            List<JsonObject> seen = new ArrayList<>();
            seen.add(bothSee(teacher, coach, teacher.command("play", new JsonObject(), null)));
            seen.add(bothSee(teacher, coach, coach.command("seek", new JsonObject().put("positionMs", 3_000), null)));
            seen.add(bothSee(teacher, coach, teacher.command("rate", new JsonObject().put("rate", 1.5), null)));
            seen.add(bothSee(teacher, coach, coach.command("pause", new JsonObject(), null)));
            seen.add(bothSee(teacher, coach, teacher.command("item", new JsonObject().put("item", 1), null)));

            for (int i = 0; i < seen.size(); i++) {
                assertEquals(i + 1, Rooms.state(seen.get(i)).getLong("seq"), seen.get(i)::encode);
            }
            JsonObject playing = seen.get(0);
            assertFalse(Rooms.state(playing).getBoolean("paused"));
            assertEquals(org.teacherId, Rooms.state(playing).getString("drivenBy"));
            long lead = playing.getLong("effectiveAt") - teacher.welcome.getLong("serverTime");
            assertTrue(lead >= LocalRoom.LEAD_MIN_MS, "commands take effect at least " + LocalRoom.LEAD_MIN_MS + " ms ahead: " + lead);
            assertEquals(playing.getLong("effectiveAt"), Rooms.state(playing).getLong("atServerTime"));
            assertEquals(3_000, Rooms.state(seen.get(1)).getLong("positionMs"));
            assertEquals(1.5, Rooms.state(seen.get(2)).getDouble("rate"));
            assertTrue(Rooms.state(seen.get(3)).getBoolean("paused"));
            assertEquals(1, Rooms.state(seen.get(4)).getInteger("item"));
            assertEquals(10_000, Rooms.state(seen.get(4)).getLong("positionMs"), "a new item starts at its clip's start");
            assertEquals(Rooms.state(seen.get(4)), Rooms.state(org.teacher.get("/api/debriefs/" + id).json()), "stored in PostgreSQL");
        }
    }

    @Test
    void concurrentDriversAreOrderedBySeqAndEveryoneEndsOnTheLast() throws Exception {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            Thread other = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 5; i++) {
                    coach.command("seek", new JsonObject().put("positionMs", 20_000 + i), null);
                }
            });
            for (int i = 0; i < 5; i++) {
                teacher.command("seek", new JsonObject().put("positionMs", 10_000 + i), null);
            }
            other.join();
            // Two drivers' commits publish from two threads: a state overtaken by a newer one before it
            // reached this node is superseded and not sent (last by seq wins), so a seq may be skipped,
            // never repeated or sent out of order, and everyone ends on seq 10.
            List<JsonObject> atTeacher = statesUpTo(teacher, 10);
            List<JsonObject> atCoach = statesUpTo(coach, 10);
            assertEquals(atTeacher, atCoach, "both see the same states in the same order");
            for (int i = 1; i < atTeacher.size(); i++) {
                assertTrue(atTeacher.get(i).getLong("seq") > atTeacher.get(i - 1).getLong("seq"), "seqs only rise: " + atTeacher);
            }
            assertTrue(atTeacher.size() >= 5, "most states reach everyone: " + atTeacher);
            JsonObject stored = Rooms.state(org.teacher.get("/api/debriefs/" + id).json());
            assertEquals(atTeacher.getLast(), stored, "the last by seq is the room's state");
        }
    }

    @Test
    void aCommandBasedOnAnOlderStateIsRefusedAsStaleAndTheStateFollows() {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            bothSee(teacher, coach, teacher.command("seek", new JsonObject().put("positionMs", 5_000), 0L));
            String stale = coach.command("seek", new JsonObject().put("positionMs", 9_000), 0L);

            JsonObject error = coach.next("error");
            assertEquals("stale", error.getString("code"), error::encode);
            assertEquals(stale, error.getString("commandId"));
            JsonObject snapshot = coach.next("state");
            assertEquals(1, Rooms.state(snapshot).getLong("seq"));
            assertEquals(5_000, Rooms.state(snapshot).getLong("positionMs"));
            assertEquals(1, Rooms.state(org.teacher.get("/api/debriefs/" + id).json()).getLong("seq"), "nothing was applied");
        }
    }

    @Test
    void inPresenterModeOnlyThePresenterDrivesUntilTheyHandOver() {
        String id = Rooms.create(org.teacher, new JsonObject().put("recordingId", org.sharedRecording()).put("presenterMode", true));
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            assertEquals(org.teacherId, teacher.welcome.getString("presenter"));
            String refused = coach.command("play", new JsonObject(), null);
            JsonObject error = coach.next("error");
            assertEquals("not-presenter", error.getString("code"), error::encode);
            assertEquals(refused, error.getString("commandId"));

            teacher.send(new JsonObject().put("type", "presenter").put("to", org.sharedCoachId));
            coach.next(frame -> "presence".equals(frame.getString("type")) && org.sharedCoachId.equals(frame.getString("presenter")));
            bothSee(teacher, coach, coach.command("play", new JsonObject(), null));
            teacher.command("pause", new JsonObject(), null);
            assertEquals("not-presenter", teacher.next("error").getString("code"));
        }
    }

    @Test
    void aLateJoinerGetsTheStateAsASnapshotAndHeartbeatsWhilePlaying() {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id)) {
            teacher.command("seek", new JsonObject().put("positionMs", 7_000), null);
            JsonObject playing = teacher.stateOf(teacher.command("play", new JsonObject(), null));
            try (RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
                assertEquals(Rooms.state(playing), Rooms.state(coach.welcome));
                JsonObject heartbeat = coach.next("heartbeat");
                assertEquals(Rooms.state(playing), Rooms.state(heartbeat));
                long t0 = System.currentTimeMillis();
                coach.send(new JsonObject().put("type", "time").put("t0", t0));
                JsonObject time = coach.next("time");
                assertEquals(t0, time.getLong("t0"));
                assertTrue(Math.abs(time.getLong("serverTime") - t0) < 5_000, time::encode);
                JsonObject presence = teacher.next(frame -> "presence".equals(frame.getString("type"))
                        && frame.getJsonArray("participants").size() == 2);
                assertTrue(presence.encode().contains("Cara Coach"), presence::encode);
            }
        }
    }

    @Test
    void aBufferingMemberMakesTheRoomWaitBrieflyAndOneWhoKeepsStallingIsLeftToCatchUp() throws InterruptedException {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            bothSee(teacher, coach, teacher.command("play", new JsonObject(), null));
            for (int stall = 1; stall <= 2; stall++) {
                coach.send(status(true));
                JsonObject waiting = teacher.next(f -> "state".equals(f.getString("type")) && "wait".equals(f.getJsonObject("cause").getString("action")));
                assertTrue(Rooms.state(waiting).getBoolean("paused"), waiting::encode);
                assertEquals(org.sharedCoachId, waiting.getJsonObject("cause").getString("by"));
                coach.send(status(false));
                JsonObject resumed = teacher.next(f -> "state".equals(f.getString("type")) && "resume".equals(f.getJsonObject("cause").getString("action")));
                assertFalse(Rooms.state(resumed).getBoolean("paused"), resumed::encode);
            }
            coach.send(status(true));
            JsonObject behind = teacher.next(f -> "presence".equals(f.getString("type")) && f.getJsonArray("participants").stream()
                    .map(JsonObject.class::cast).anyMatch(p -> org.sharedCoachId.equals(p.getString("userId")) && p.getBoolean("catchingUp")));
            assertNotNull(behind);
            Thread.sleep(1_000);
            assertFalse(teacher.received().stream().anyMatch(f -> "state".equals(f.getString("type"))
                    && Rooms.state(f).getLong("seq") > 5), "a member catching up pauses nobody: " + teacher.received());
            assertFalse(Rooms.state(org.teacher.get("/api/debriefs/" + id).json()).getBoolean("paused"));
        }
    }

    private static JsonObject status(boolean buffering) {
        return new JsonObject().put("type", "status").put("buffering", buffering).put("positionMs", 0).put("seq", 0);
    }

    @Test
    void pointerAndSketchReachTheOthers() {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            coach.send(new JsonObject().put("type", "pointer").put("x", 0.25).put("y", 0.75));
            JsonObject pointer = teacher.next("pointer");
            assertEquals(org.sharedCoachId, pointer.getString("by"));
            assertEquals(0.25, pointer.getDouble("x"));
            coach.send(new JsonObject().put("type", "sketch").put("shapes", arrow()));
            assertEquals("arrow", teacher.next("sketch").getJsonArray("shapes").getJsonObject(0).getString("kind"));
        }
    }

    @Test
    void aCommentWithDrawingsMadeInTheRoomIsSavedAndShowsInTheTimeline() {
        String recordingId = org.sharedRecording();
        String id = Rooms.create(org.teacher, new JsonObject().put("recordingId", recordingId));
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            coach.send(new JsonObject().put("type", "comment").put("body", "Look where the hands go up").put("positionMs", 4_200)
                    .put("drawings", arrow()));
            JsonObject heard = teacher.next("comment").getJsonObject("comment");
            assertEquals("Look where the hands go up", heard.getString("body"));
            assertEquals(4_200, heard.getLong("startMs"));
            assertEquals(arrow(), heard.getJsonArray("drawings"));
            coach.next("comment");

            JsonObject timeline = org.teacher.get("/api/recordings/" + recordingId + "/timeline").json();
            JsonObject saved = timeline.getJsonArray("threads").stream().map(JsonObject.class::cast)
                    .filter(c -> heard.getString("id").equals(c.getString("id"))).findFirst().orElseThrow(() -> new AssertionError(timeline.encode()));
            assertEquals(arrow(), saved.getJsonArray("drawings"), "shown again when the moment is reviewed outside the room");
        }
    }

    @Test
    void revokingTheCoachsShareClosesTheirSocketWithin1SecondAndLeavesTheTeacherIn() {
        String recordingId = org.sharedRecording();
        String id = Rooms.create(org.teacher, new JsonObject().put("recordingId", recordingId));
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            long revoked = System.nanoTime();
            assertEquals(204, org.teacher.delete("/api/recordings/" + recordingId + "/shares/" + org.sharedCoachId).status());

            RoomClient.Closed closed = coach.awaitClose(Duration.ofSeconds(5));
            assertTrue(System.nanoTime() - revoked < Duration.ofSeconds(1).toNanos(), "closed late");
            assertEquals(new RoomClient.Closed(4403, "access-revoked"), closed);
            assertFalse(teacher.isClosed());
            bothSee(teacher, teacher, teacher.command("play", new JsonObject(), null));
            assertEquals(404, org.sharedCoach.get("/api/debriefs/" + id).status());
        }
    }

    @Test
    void deletingTheRecordingClosesEveryonesSocket() {
        String recordingId = org.sharedRecording();
        String id = Rooms.create(org.sharedCoach, new JsonObject().put("recordingId", recordingId));
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            assertEquals(204, org.teacher.delete("/api/recordings/" + recordingId).status());

            assertEquals(new RoomClient.Closed(4403, "recording-deleted"), coach.awaitClose(Duration.ofSeconds(5)));
            assertEquals(new RoomClient.Closed(4403, "recording-deleted"), teacher.awaitClose(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aStrangerACoachWithoutAShareAndTheAdminGet404AndCannotJoin() {
        String recordingId = org.sharedRecording();
        String id = Rooms.create(org.teacher, new JsonObject().put("recordingId", recordingId));
        for (ApiClient outsider : List.of(org.unsharedCoach, org.otherTeacher, org.admin)) {
            assertEquals(404, outsider.get("/api/debriefs/" + id).status());
            assertEquals(404, outsider.postJson("/api/debriefs", new JsonObject().put("recordingId", recordingId)).status());
            assertEquals(404, outsider.postJson("/api/debriefs/" + id + "/end", new JsonObject()).status());
            assertEquals(404, outsider.get("/api/debriefs/" + id + "/summary.html").status());
            assertFalse(outsider.get("/api/debriefs").body().contains(id));
            try (RoomClient refused = RoomClient.connect(vertx, outsider, id)) {
                assertEquals(new RoomClient.Closed(4404, "no such debrief, or not yours to join"), refused.awaitClose(RoomClient.WAIT));
                assertTrue(refused.received().isEmpty(), refused.received()::toString);
            }
        }
        assertTrue(org.sharedCoach.get("/api/debriefs").body().contains(id), "the coach's home screen lists it");
        assertEquals(401, org.anonymous.get("/api/debriefs/" + id).status());
    }

    @Test
    void endingWithNextStepsStoresThemOnTheTeachersGoalWithTheSummary() {
        String recordingId = org.sharedRecording();
        ApiResponse goal = org.teacher.postJson("/api/goals", new JsonObject().put("statement", "Wait 3 s after questions"));
        assertEquals(201, goal.status(), goal::toString);
        String goalId = goal.json().getString("id");
        String id = Rooms.create(org.sharedCoach, new JsonObject().put("recordingId", recordingId).put("title", "Tuesday <debrief>")
                .put("scheduledAt", "2026-12-03T15:30:00Z"));
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            bothSee(teacher, coach, teacher.command("play", new JsonObject(), null));
            coach.send(new JsonObject().put("type", "comment").put("body", "Here").put("positionMs", 1_000).put("drawings", arrow()));
            teacher.next("comment");

            ApiResponse ended = org.sharedCoach.postJson("/api/debriefs/" + id + "/end", new JsonObject().put("nextSteps",
                    new JsonArray().add(new JsonObject().put("goalId", goalId).put("text", "Count to three before calling on anyone"))));
            assertEquals(200, ended.status(), ended::toString);
            JsonObject summary = ended.json();
            assertEquals(1, summary.getJsonArray("clipsWatched").size());
            assertEquals(1, summary.getInteger("comments"));
            assertEquals(1, summary.getInteger("drawings"));
            assertEquals(summary, teacher.next("ended").getJsonObject("summary"));
            assertEquals(4409, teacher.awaitClose(RoomClient.WAIT).code());
            assertEquals(4409, coach.awaitClose(RoomClient.WAIT).code());
        }
        JsonObject evidence = org.teacher.get("/api/goals/" + goalId + "/evidence").json();
        JsonObject step = evidence.getJsonArray("nextSteps").getJsonObject(0);
        assertEquals("Count to three before calling on anyone", step.getString("text"));
        assertEquals(id, step.getJsonObject("debrief").getString("id"));
        assertEquals(1, step.getJsonObject("debrief").getJsonObject("summary").getInteger("comments"));

        ApiResponse page = org.teacher.get("/api/debriefs/" + id + "/summary.html");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Tuesday &lt;debrief&gt;") && page.body().contains("Count to three"), page::body);
        assertEquals(409, org.sharedCoach.postJson("/api/debriefs/" + id + "/end", new JsonObject()).status());
        assertFalse(org.teacher.get("/api/debriefs").body().contains(id), "an ended room leaves the home screen");
        try (RoomClient late = RoomClient.connect(vertx, org.teacher, id)) {
            assertEquals(4409, late.awaitClose(RoomClient.WAIT).code());
        }
    }

    @Test
    void aNextStepOnAnotherTeachersGoalEndsNothing() {
        ApiResponse goal = org.otherTeacher.postJson("/api/goals", new JsonObject().put("statement", "Not hers"));
        String id = Rooms.onSharedRecording(org);
        ApiResponse refused = org.teacher.postJson("/api/debriefs/" + id + "/end", new JsonObject().put("nextSteps",
                new JsonArray().add(new JsonObject().put("goalId", goal.json().getString("id")).put("text", "x"))));
        assertEquals(404, refused.status(), refused::toString);
        assertNull(org.teacher.get("/api/debriefs/" + id).json().getString("endedAt"));
        assertNotNull(org.teacher.get("/api/debriefs/" + id).json().getString("title"));
    }

    static JsonArray arrow() {
        return new JsonArray().add(new JsonObject().put("kind", "arrow")
                .put("points", new JsonArray().add(new JsonArray().add(0.1).add(0.2)).add(new JsonArray().add(0.5).add(0.6)))
                .put("color", "#ff8800"));
    }

    /** Both participants get the state this command caused; returns it. */
    static JsonObject bothSee(RoomClient a, RoomClient b, String commandId) {
        JsonObject atA = a.stateOf(commandId);
        JsonObject atB = a == b ? atA : b.stateOf(commandId);
        assertEquals(atA, atB);
        return atA;
    }

    /** The states a client hears until the one with {@code seq}. */
    private static List<JsonObject> statesUpTo(RoomClient client, long seq) {
        List<JsonObject> states = new ArrayList<>();
        while (states.isEmpty() || states.getLast().getLong("seq") < seq) {
            JsonObject frame = client.next(f -> "state".equals(f.getString("type")) || "error".equals(f.getString("type")));
            assertEquals("state", frame.getString("type"), frame::encode);
            states.add(Rooms.state(frame));
        }
        return states;
    }
}
