package org.lessonloop.media.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * Who may fetch a recording's media (DESIGN.md §5): the owner and those it is shared with, checked
 * on every request, so a revoke stops the very next segment; everyone else learns nothing.
 */
@RealServer
class MediaAccessTest {
    private static final String SEGMENT = "/media/v360/seg_00001.m4s";

    private static TestServer server;
    private static Organization org;

    @Test
    void theOwnerGetsTheMasterPlaylist() {
        String id = recordingWithMedia();

        MediaHttp.Reply master = MediaHttp.get(org.teacher, "/api/recordings/" + id + "/media/master.m3u8");

        assertEquals(200, master.status(), master::toString);
        assertEquals("application/vnd.apple.mpegurl", master.header("Content-Type"));
        assertEquals(MediaFixtures.MASTER, master.text());
    }

    @Test
    void aCoachTheRecordingIsSharedWithGetsASegment() {
        String id = recordingWithMedia();

        MediaHttp.Reply segment = MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + SEGMENT);

        assertEquals(200, segment.status(), segment::toString);
        assertArrayEquals(MediaFixtures.segment(), segment.body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/media/master.m3u8", SEGMENT, "/media/poster.jpg", "/media/missing.m4s"})
    void outsidersGet404ExactlyAsForARecordingThatDoesNotExist(String file) {
        String id = recordingWithMedia();
        for (ApiClient outsider : List.of(org.unsharedCoach, org.otherTeacher, org.admin)) {
            MediaHttp.Reply refused = MediaHttp.get(outsider, "/api/recordings/" + id + file);
            MediaHttp.Reply ghost = MediaHttp.get(outsider, "/api/recordings/" + UUID.randomUUID() + file);

            assertEquals(404, refused.status(), refused::toString);
            assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused::toString);
            assertEquals(ghost.json().getString("detail"), refused.json().getString("detail"));
        }
    }

    @Test
    void anAnonymousCallerIsAskedToSignIn() {
        String id = recordingWithMedia();

        for (String file : List.of("/media/master.m3u8", SEGMENT)) {
            MediaHttp.Reply refused = MediaHttp.get(org.anonymous, "/api/recordings/" + id + file);

            assertEquals(401, refused.status(), refused::toString);
            assertTrue(refused.json().getString("detail").contains("Sign in"), refused::toString);
        }
    }

    @Test
    void revokingAShareRefusesTheCoachsVeryNextSegmentRequest() {
        String id = recordingWithMedia();
        assertEquals(200, MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + SEGMENT).status());

        ApiResponse revoked = org.teacher.delete("/api/recordings/" + id + "/shares/" + org.sharedCoachId);

        assertEquals(204, revoked.status(), revoked::toString);
        MediaHttp.Reply next = MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + SEGMENT);
        assertEquals(404, next.status(), next::toString);
        assertEquals(404, MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + "/media/master.m3u8").status());
    }

    @Test
    void aShareThatEndsRefusesTheCoachsVeryNextSegmentRequestAsARevocationDoes() throws InterruptedException {
        String id = org.recording("Shared for a moment");
        MediaFixtures.processed(server.store(), id);
        java.time.Instant end = java.time.Instant.now().plusMillis(1_500);
        assertEquals(201, org.teacher.postJson("/api/recordings/" + id + "/shares", new JsonObject()
                .put("userId", org.sharedCoachId).put("permission", "view").put("expiresAt", end.toString())).status());
        assertEquals(200, MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + SEGMENT).status());

        Thread.sleep(Math.max(0, java.time.Duration.between(java.time.Instant.now(), end).toMillis() + 50));

        MediaHttp.Reply next = MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + SEGMENT);
        MediaHttp.Reply ghost = MediaHttp.get(org.sharedCoach, "/api/recordings/" + UUID.randomUUID() + SEGMENT);
        assertEquals(404, next.status(), next::toString);
        assertEquals(ghost.json().getString("detail"), next.json().getString("detail"));
        assertEquals(404, MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + "/media/master.m3u8").status());
    }

    @Test
    void aStandingPairShareLetsTheCoachFetchTheTeachersMedia() {
        ApiClient teacher = newUser("pair.teacher@school.test", "teacher");
        ApiClient coach = newUser("pair.coach@school.test", "coach");
        ApiResponse pair = org.admin.postJson("/api/pairs", new JsonObject()
                .put("teacherId", idOf(teacher)).put("coachId", idOf(coach)));
        assertEquals(201, pair.status(), pair::toString);
        String id = teacher.postJson("/api/recordings", new JsonObject().put("title", "Paired lesson")).json().getString("id");
        MediaFixtures.processed(server.store(), id);
        assertEquals(404, MediaHttp.get(coach, "/api/recordings/" + id + SEGMENT).status(), "a pair alone grants nothing");

        teacher.patchJson("/api/pairs/" + pair.json().getString("id"), new JsonObject().put("standingPermission", "view"));

        MediaHttp.Reply segment = MediaHttp.get(coach, "/api/recordings/" + id + SEGMENT);
        assertEquals(200, segment.status(), segment::toString);
        assertArrayEquals(MediaFixtures.segment(), segment.body());
    }

    @Test
    void aMissingFileOfAViewableRecordingIs404() {
        String id = recordingWithMedia();

        MediaHttp.Reply missing = MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + "/media/v1080/seg_00001.m4s");

        assertEquals(404, missing.status(), missing::toString);
        assertTrue(missing.json().getString("detail").contains("media file"), missing::toString);
    }

    @Test
    void twoQuickMasterFetchesAreAuditedAsOneViewTheOwnerCanRead() {
        String id = recordingWithMedia();

        MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + "/media/master.m3u8");
        MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + "/media/master.m3u8");
        MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + SEGMENT);

        List<JsonObject> views = views(id);
        assertEquals(1, views.size(), views::toString);
        assertEquals(org.sharedCoachId, views.getFirst().getString("actorId"));
        assertEquals("Cara Coach", views.getFirst().getString("actorName"));
    }

    @Test
    void aViewerComingBackAfterHalfAnHourIsAuditedAgain() {
        String id = recordingWithMedia();
        // The audit is append-only: the earlier view is written as it would have been, half an hour ago.
        server.sqlUpdate("INSERT INTO audit_events (occurred_at, actor_id, action, recording_id) VALUES (now() - interval '31 minutes', '"
                + org.sharedCoachId + "', 'recording.viewed', ?::uuid)", id);

        MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + "/media/master.m3u8");

        assertEquals(2, views(id).size());
    }

    @Test
    void segmentsAndRefusedFetchesAreNotAuditedAsViews() {
        String id = recordingWithMedia();

        MediaHttp.get(org.sharedCoach, "/api/recordings/" + id + SEGMENT);
        MediaHttp.send(org.sharedCoach, "HEAD", "/api/recordings/" + id + "/media/master.m3u8");
        MediaHttp.get(org.unsharedCoach, "/api/recordings/" + id + "/media/master.m3u8");

        assertEquals(List.of(), views(id));
    }

    // --- fixtures ---------------------------------------------------------------------------

    /** The teacher's recording, processed and shared with the coach. */
    private static String recordingWithMedia() {
        String id = org.sharedRecording();
        MediaFixtures.processed(server.store(), id);
        return id;
    }

    /** The recording.viewed events the owner reads in the audit log. */
    private static List<JsonObject> views(String recordingId) {
        return org.teacher.get("/api/recordings/" + recordingId + "/audit").array().stream()
                .map(JsonObject.class::cast)
                .filter(e -> ViewAudit.ACTION.equals(e.getString("action")))
                .toList();
    }

    private static ApiClient newUser(String email, String role) {
        People.invitedAndActivated(org.admin, email, email, role, Organization.passwordOf(email));
        return server.anonymous().signIn(email, Organization.passwordOf(email));
    }

    private static String idOf(ApiClient user) {
        return user.get("/api/me").json().getString("id");
    }
}
