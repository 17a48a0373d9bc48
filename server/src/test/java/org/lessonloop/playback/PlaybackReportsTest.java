package org.lessonloop.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * Who watched my lesson (issue 12 item 4): players report playback sessions, the server checks
 * each report and keeps what it may, and the owner alone reads it.
 */
@RealServer
class PlaybackReportsTest {
    private static final long DURATION_MS = 600_000;

    private static TestServer server;
    private static Organization org;

    @Test
    void theOwnerSeesTheCoachsSessionWithTheTimeWatchedAndTheMergedRanges() {
        String id = playableSharedRecording();
        String session = UUID.randomUUID().toString();

        assertEquals(204, report(org.sharedCoach, id, session, 0, ranges()).status());
        ApiResponse second = report(org.sharedCoach, id, session, 9_000, ranges(0, 5_000, 4_000, 9_000));
        assertEquals(204, second.status(), second::toString);

        JsonObject line = playbackLines(id).getFirst();
        assertEquals("Cara Coach", line.getString("actorName"));
        assertEquals("coach", line.getString("actorRole"));
        assertEquals(9_000, line.getLong("watchedMs"));
        assertEquals(new JsonArray().add(new JsonArray().add(0).add(9_000)), line.getJsonArray("ranges"));
        assertTrue(line.getString("until").compareTo(line.getString("at")) >= 0, line::toString);
    }

    @Test
    void aReportSentTwiceOrLateChangesNothingAndNeverShrinksTheSession() {
        String id = playableSharedRecording();
        String session = UUID.randomUUID().toString();
        report(org.sharedCoach, id, session, 8_000, ranges(10_000, 18_000));
        report(org.sharedCoach, id, session, 8_000, ranges(10_000, 18_000));

        // A heartbeat that arrives after a later one says less: the session keeps the larger figures.
        report(org.sharedCoach, id, session, 3_000, ranges(10_000, 13_000));

        List<JsonObject> lines = playbackLines(id);
        assertEquals(1, lines.size(), lines::toString);
        assertEquals(8_000, lines.getFirst().getLong("watchedMs"));
        assertEquals(new JsonArray().add(new JsonArray().add(10_000).add(18_000)), lines.getFirst().getJsonArray("ranges"));
    }

    @Test
    void aClaimOfMoreTimeThanTheClockAllowsIsHeldToWhatItAllows() {
        String id = playableSharedRecording();

        report(org.sharedCoach, id, UUID.randomUUID().toString(), 5 * 3_600_000L, ranges(0, 60_000));

        long watched = playbackLines(id).getFirst().getLong("watchedMs");
        assertTrue(watched <= 2 * 31_000, "watched " + watched);
    }

    @Test
    void rangesPastTheRecordingsEndOrBackwardsAreRefusedWithAReason() {
        String id = playableSharedRecording();

        ApiResponse past = report(org.sharedCoach, id, UUID.randomUUID().toString(), 1_000, ranges(0, DURATION_MS + 5_000));
        ApiResponse backwards = report(org.sharedCoach, id, UUID.randomUUID().toString(), 1_000, ranges(5_000, 2_000));
        ApiResponse shapeless = org.sharedCoach.sendRaw("PUT", path(id, UUID.randomUUID().toString()), "application/json",
                "{\"watchedMs\": 10, \"ranges\": [[1, 2, 3]]}");

        assertEquals(400, past.status(), past::toString);
        assertTrue(past.json().getString("detail").contains("past the recording's end"), past::toString);
        assertEquals(400, backwards.status(), backwards::toString);
        assertEquals(400, shapeless.status(), shapeless::toString);
        assertEquals(List.of(), playbackLines(id));
    }

    @Test
    void outsidersCannotReportAndTheirReportsLeaveNoTrace() {
        String id = playableSharedRecording();
        for (ApiClient outsider : List.of(org.unsharedCoach, org.otherTeacher, org.admin)) {
            ApiResponse refused = report(outsider, id, UUID.randomUUID().toString(), 1_000, ranges(0, 1_000));
            assertEquals(404, refused.status(), refused::toString);
        }
        assertEquals(401, report(org.anonymous, id, UUID.randomUUID().toString(), 1_000, ranges(0, 1_000)).status());
        assertEquals(List.of(), playbackLines(id));
    }

    @Test
    void aReportWithoutTheCsrfTokenIsRefused() {
        String id = playableSharedRecording();

        ApiClient coachWithoutToken = server.anonymous().signIn("coach@school.test", Organization.passwordOf("coach@school.test")).withoutCsrf();
        ApiResponse refused = report(coachWithoutToken, id, UUID.randomUUID().toString(), 1_000, ranges(0, 1_000));

        assertEquals(403, refused.status(), refused::toString);
        assertEquals(List.of(), playbackLines(id));
    }

    @Test
    void anotherViewerCannotTakeOverAPlaybackSession() {
        String id = playableSharedRecording();
        String session = UUID.randomUUID().toString();
        report(org.sharedCoach, id, session, 1_000, ranges(0, 1_000));
        org.teacher.postJson("/api/recordings/" + id + "/shares", new JsonObject().put("userId", org.unsharedCoachId).put("permission", "view"));

        ApiResponse taken = report(org.unsharedCoach, id, session, 50_000, ranges(0, 50_000));

        assertEquals(409, taken.status(), taken::toString);
        assertEquals(1_000, playbackLines(id).getFirst().getLong("watchedMs"));
    }

    @Test
    void aRevokedCoachsNextReportIsRefused() {
        String id = playableSharedRecording();
        String session = UUID.randomUUID().toString();
        report(org.sharedCoach, id, session, 1_000, ranges(0, 1_000));
        org.teacher.delete("/api/recordings/" + id + "/shares/" + org.sharedCoachId);

        ApiResponse after = report(org.sharedCoach, id, session, 20_000, ranges(0, 20_000));

        assertEquals(404, after.status(), after::toString);
        assertEquals(1_000, playbackLines(id).getFirst().getLong("watchedMs"));
    }

    @Test
    void theOwnersOwnPlaybackIsNotRecorded() {
        String id = playableSharedRecording();

        assertEquals(204, report(org.teacher, id, UUID.randomUUID().toString(), 1_000, ranges(0, 1_000)).status());

        assertEquals(List.of(), playbackLines(id));
    }

    @Test
    void aFloodOfReportsIsRefusedWith429() {
        String id = playableSharedRecording();
        String email = "busy.coach@school.test";
        People.invitedAndActivated(org.admin, email, "Busy Coach", "coach", Organization.passwordOf(email));
        ApiClient coach = server.anonymous().signIn(email, Organization.passwordOf(email));
        org.teacher.postJson("/api/recordings/" + id + "/shares", new JsonObject().put("userId", coach.get("/api/me").json().getString("id"))
                .put("permission", "view"));
        int refused = 0;
        for (int i = 0; i < ReportRate.BURST + 10; i++) {
            if (report(coach, id, UUID.randomUUID().toString(), 0, ranges()).status() == 429) {
                refused++;
            }
        }
        assertTrue(refused >= 5, "refused " + refused);
    }

    @Test
    void nobodyButTheOwnerReadsTheHistoryNotEvenTheCoachItIsSharedWith() {
        String id = playableSharedRecording();
        for (ApiClient other : List.of(org.sharedCoach, org.unsharedCoach, org.otherTeacher, org.admin)) {
            ApiResponse history = other.get("/api/recordings/" + id + "/watch-history");
            ApiResponse audit = other.get("/api/recordings/" + id + "/audit");
            ApiResponse ghost = other.get("/api/recordings/" + UUID.randomUUID() + "/watch-history");

            assertEquals(404, history.status(), history::toString);
            assertEquals(404, audit.status(), audit::toString);
            assertEquals(ghost.json().getString("detail"), history.json().getString("detail"));
        }
    }

    @Test
    void theHistoryListsSharesRevocationsAndExportsWithWhoTheyConcern() {
        String id = playableSharedRecording();
        org.teacher.delete("/api/recordings/" + id + "/shares/" + org.sharedCoachId);

        List<JsonObject> events = org.teacher.get("/api/recordings/" + id + "/watch-history").array().stream()
                .map(JsonObject.class::cast).filter(l -> "event".equals(l.getString("kind"))).toList();

        assertEquals(List.of("share.revoked", "share.granted"), events.stream().map(e -> e.getString("action")).toList());
        assertEquals("Cara Coach", events.getFirst().getString("subjectName"));
        assertEquals("Tia Teacher", events.getFirst().getString("actorName"));
    }

    // --- fixtures ---------------------------------------------------------------------------

    private static String playableSharedRecording() {
        String id = org.sharedRecording();
        assertEquals(1, server.sqlUpdate("UPDATE recordings SET duration_ms = " + DURATION_MS + " WHERE id = ?::uuid", id));
        return id;
    }

    static JsonArray ranges(long... bounds) {
        JsonArray ranges = new JsonArray();
        for (int i = 0; i < bounds.length; i += 2) {
            ranges.add(new JsonArray().add(bounds[i]).add(bounds[i + 1]));
        }
        return ranges;
    }

    static String path(String recordingId, String sessionId) {
        return "/api/recordings/" + recordingId + "/playback/" + sessionId;
    }

    static ApiResponse report(ApiClient viewer, String recordingId, String sessionId, long watchedMs, JsonArray ranges) {
        return viewer.sendRaw("PUT", path(recordingId, sessionId), "application/json",
                new JsonObject().put("watchedMs", watchedMs).put("ranges", ranges).encode());
    }

    private static List<JsonObject> playbackLines(String recordingId) {
        ApiResponse history = org.teacher.get("/api/recordings/" + recordingId + "/watch-history");
        assertEquals(200, history.status(), history::toString);
        return history.array().stream().map(JsonObject.class::cast).filter(l -> "playback".equals(l.getString("kind"))).toList();
    }
}
