package org.lessonloop.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.LiveClient;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * Shares that expire (issue 12 item 5): a share may end at a date and time; from then on the
 * colleague's next request is refused as after a revocation, an open live subscription ends, and
 * the owner can see the end, change it, or extend a lapsed share.
 */
@RealServer
class ShareExpiryTest {
    private static TestServer server;
    private static Organization org;

    @Test
    void aShareWithAnEndShowsItInTheOwnersListAndLibrary() {
        String id = org.recording("Ends next week");
        Instant end = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);

        ApiResponse shared = share(id, end);

        assertEquals(201, shared.status(), shared::toString);
        assertEquals(end.toString(), shares(id).getFirst().getString("expiresAt"));
        assertEquals(end.toString(), inLibrary(org.teacher, id).getString("shareEndsAt"));
        assertNull(inLibrary(org.sharedCoach, id).getString("shareEndsAt"), "only the owner is told when her shares end");
    }

    @Test
    void anEndInThePastOrNotADateIsRefusedWithAReason() {
        String id = org.recording("Bad ends");

        ApiResponse past = share(id, Instant.now().minusSeconds(60));
        ApiResponse garbled = org.teacher.postJson("/api/recordings/" + id + "/shares",
                new JsonObject().put("userId", org.sharedCoachId).put("permission", "view").put("expiresAt", "next Tuesday"));

        assertEquals(400, past.status(), past::toString);
        assertTrue(past.json().getString("detail").contains("in the future"), past::toString);
        assertEquals(400, garbled.status(), garbled::toString);
        assertTrue(garbled.json().getString("detail").contains("2026-12-04T15:30:00Z"), garbled::toString);
        assertEquals(List.of(), shares(id));
    }

    @Test
    void onceTheShareEndsTheCoachsNextRequestsAreRefusedAsAfterARevocation() throws InterruptedException {
        String id = org.recording("Ends in a moment");
        Instant end = Instant.now().plusMillis(1_500);
        assertEquals(201, share(id, end).status());
        assertEquals(200, org.sharedCoach.get("/api/recordings/" + id).status(), "a decision the cache now holds");
        assertEquals(200, org.sharedCoach.get("/api/recordings/" + id + "/timeline").status());

        sleepUntil(end);

        for (String path : List.of("", "/timeline", "/clips", "/comments.vtt")) {
            ApiResponse refused = org.sharedCoach.get("/api/recordings/" + id + path);
            assertEquals(404, refused.status(), path + " " + refused);
        }
        assertTrue(org.sharedCoach.get("/api/recordings").array().stream().map(JsonObject.class::cast)
                .noneMatch(r -> id.equals(r.getString("id"))), "gone from the coach's library");
        ApiResponse late = org.sharedCoach.postJson("/api/recordings/" + id + "/comments", new JsonObject().put("startMs", 0).put("body", "late"));
        assertEquals(404, late.status(), late::toString);
    }

    @Test
    void theLapseIsAnnouncedInTheOwnersHistoryOnce() {
        String id = org.recording("Announced");
        Instant end = Instant.now().plusMillis(500);
        share(id, end);

        List<JsonObject> expired = Eventually.until(() -> events(id, "share.expired"), lines -> !lines.isEmpty());

        assertEquals(1, expired.size(), expired::toString);
        assertEquals("Cara Coach", expired.getFirst().getString("subjectName"));
    }

    @Test
    void anOpenLiveSubscriptionEndsWhenTheShareLapses() {
        String id = org.recording("Live until it ends");
        Instant end = Instant.now().plusMillis(1_500);
        share(id, end);
        try (LiveClient coach = LiveClient.open(org.sharedCoach)) {
            coach.subscribe(id);

            LiveClient.Frame ended = coach.next(f -> "ended".equals(f.type()) && id.equals(f.recordingId()), Duration.ofSeconds(10));

            assertEquals("access-revoked", ended.data().getString("reason"));
            assertTrue(Instant.now().isAfter(end), "not before the end");
            assertTrue(Instant.now().isBefore(end.plusSeconds(5)), "within the sweep's few seconds");
            List<JsonObject> heard = Eventually.until(coach::received,
                    frames -> frames.stream().anyMatch(frame -> frame.getString("type").equals("share.revoked")));
            assertTrue(heard.stream().anyMatch(frame -> "share.revoked".equals(frame.getString("type"))
                    && "expired".equals(frame.getJsonObject("data").getString("reason"))), heard::toString);
        }
    }

    @Test
    void theOwnerExtendsALapsedShareAndTheCoachSeesItAgain() throws InterruptedException {
        String id = org.recording("Extended");
        Instant end = Instant.now().plusMillis(800);
        share(id, end);
        sleepUntil(end);
        assertEquals(404, org.sharedCoach.get("/api/recordings/" + id).status());

        Instant later = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        ApiResponse extended = org.teacher.patchJson("/api/recordings/" + id + "/shares/" + org.sharedCoachId,
                new JsonObject().put("expiresAt", later.toString()));

        assertEquals(204, extended.status(), extended::toString);
        assertEquals(200, org.sharedCoach.get("/api/recordings/" + id).status());
        assertEquals(later.toString(), shares(id).getFirst().getString("expiresAt"));
    }

    @Test
    void theOwnerRemovesTheEndOrChangesThePermission() {
        String id = org.recording("Open ended again");
        share(id, Instant.now().plus(Duration.ofDays(1)));

        ApiResponse noEnd = org.teacher.patchJson("/api/recordings/" + id + "/shares/" + org.sharedCoachId,
                new JsonObject().putNull("expiresAt").put("permission", "comment"));

        assertEquals(204, noEnd.status(), noEnd::toString);
        JsonObject share = shares(id).getFirst();
        assertNull(share.getString("expiresAt"));
        assertEquals("comment", share.getString("permission"));
    }

    @Test
    void onlyTheOwnerChangesAShareAndAMissingShareIs404() {
        String id = org.sharedRecording();
        JsonObject body = new JsonObject().put("expiresAt", Instant.now().plus(Duration.ofDays(1)).toString());

        assertEquals(403, org.sharedCoach.patchJson("/api/recordings/" + id + "/shares/" + org.sharedCoachId, body).status());
        assertEquals(404, org.unsharedCoach.patchJson("/api/recordings/" + id + "/shares/" + org.sharedCoachId, body).status());
        assertEquals(404, org.admin.patchJson("/api/recordings/" + id + "/shares/" + org.sharedCoachId, body).status());
        assertEquals(404, org.teacher.patchJson("/api/recordings/" + id + "/shares/" + org.unsharedCoachId, body).status());
        assertEquals(400, org.teacher.patchJson("/api/recordings/" + id + "/shares/" + org.sharedCoachId, new JsonObject()).status());
    }

    // --- fixtures ---------------------------------------------------------------------------

    private static ApiResponse share(String id, Instant end) {
        return org.teacher.postJson("/api/recordings/" + id + "/shares",
                new JsonObject().put("userId", org.sharedCoachId).put("permission", "comment").put("expiresAt", end.toString()));
    }

    private static List<JsonObject> shares(String id) {
        return org.teacher.get("/api/recordings/" + id + "/shares").array().stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject inLibrary(org.lessonloop.testing.ApiClient who, String id) {
        return who.get("/api/recordings").array().stream().map(JsonObject.class::cast)
                .filter(r -> id.equals(r.getString("id"))).findFirst().orElseThrow();
    }

    private static List<JsonObject> events(String id, String action) {
        return org.teacher.get("/api/recordings/" + id + "/watch-history").array().stream().map(JsonObject.class::cast)
                .filter(l -> action.equals(l.getString("action"))).toList();
    }

    private static void sleepUntil(Instant end) throws InterruptedException {
        long wait = Duration.between(Instant.now(), end).toMillis() + 50;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
