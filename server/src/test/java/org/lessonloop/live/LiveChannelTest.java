package org.lessonloop.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.LiveClient;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** GET /api/live on one node: what reaches whom, and for how long, through the real server. */
@RealServer
class LiveChannelTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String NO_SUCH_RECORDING = "There is no such recording, or it has not been shared with you.";

    private static TestServer server;
    private static Organization org;

    @Test
    void aCoachSharedWithHearsCommentsRepliesClipsEditsAndDeletions() {
        String id = org.sharedRecording();
        try (LiveClient coach = LiveClient.open(org.sharedCoach)) {
            LiveClient.Frame subscribed = coach.subscribe(id);
            assertEquals("subscribed", subscribed.type(), subscribed.json()::encode);
            assertEquals("comment", subscribed.data().getString("access"));

            String comment = created(org.teacher.postJson("/api/recordings/" + id + "/comments",
                    new JsonObject().put("startMs", 1_000).put("body", "Wait time after the question")));
            LiveClient.Frame created = coach.nextEvent("comment.created", id);
            assertEquals(comment, created.data().getString("id"));
            assertEquals("Wait time after the question", created.data().getString("body"));
            assertTrue(created.json().containsKey("at") && created.json().containsKey("id"), created.json()::encode);

            String reply = created(org.teacher.postJson("/api/comments/" + comment + "/replies", new JsonObject().put("body", "Agreed")));
            assertEquals(reply, coach.nextEvent("comment.created", id).data().getString("id"));
            String clip = created(org.teacher.postJson("/api/recordings/" + id + "/clips",
                    new JsonObject().put("title", "The pause").put("startMs", 0).put("endMs", 2_000)));
            assertEquals(clip, coach.nextEvent("clip.created", id).data().getString("id"));
            org.teacher.patchJson("/api/comments/" + comment, new JsonObject().put("body", "Wait time, 4 s"));
            assertEquals("Wait time, 4 s", coach.nextEvent("comment.updated", id).data().getString("body"));
            org.teacher.delete("/api/comments/" + reply);
            assertEquals(reply, coach.nextEvent("comment.deleted", id).data().getString("id"));
            org.teacher.delete("/api/clips/" + clip);
            assertEquals(clip, coach.nextEvent("clip.deleted", id).data().getString("id"));
        }
    }

    @Test
    void aStrangerACoachWithoutAShareAndTheAdminAreRefusedLikeForARecordingThatDoesNotExist() {
        String id = org.sharedRecording();
        for (ApiClient outsider : List.of(org.unsharedCoach, org.otherTeacher, org.admin)) {
            try (LiveClient live = LiveClient.open(outsider)) {
                LiveClient.Frame refused = live.subscribe(id);
                assertEquals("error", refused.type(), refused.json()::encode);
                assertEquals(404, refused.data().getInteger("status"));
                assertEquals(NO_SUCH_RECORDING, refused.data().getString("detail"));
                assertEquals(NO_SUCH_RECORDING, live.subscribe(UUID.randomUUID().toString()).data().getString("detail"));

                org.teacher.postJson("/api/recordings/" + id + "/comments", new JsonObject().put("startMs", 0).put("body", "Secret"));
                assertNoFrame(live, id);
            }
        }
    }

    @Test
    void aPrivateNoteReachesOnlyItsAuthor() {
        String id = org.sharedRecording();
        try (LiveClient teacher = LiveClient.open(org.teacher); LiveClient coach = LiveClient.open(org.sharedCoach)) {
            teacher.subscribe(id);
            coach.subscribe(id);

            created(org.sharedCoach.postJson("/api/recordings/" + id + "/comments",
                    new JsonObject().put("startMs", 0).put("body", "Note to self").put("visibility", "private")));
            created(org.teacher.postJson("/api/recordings/" + id + "/comments",
                    new JsonObject().put("startMs", 0).put("body", "Teacher's own note").put("visibility", "private")));
            created(org.teacher.postJson("/api/recordings/" + id + "/comments", new JsonObject().put("startMs", 0).put("body", "Shared")));

            assertEquals("Note to self", coach.nextEvent("comment.created", id).data().getString("body"));
            assertEquals("Shared", coach.nextEvent("comment.created", id).data().getString("body"));
            assertEquals("Teacher's own note", teacher.nextEvent("comment.created", id).data().getString("body"));
            assertEquals("Shared", teacher.nextEvent("comment.created", id).data().getString("body"));
            assertFalse(teacher.received().toString().contains("Note to self"), teacher.received()::toString);
            assertFalse(coach.received().toString().contains("Teacher's own note"), coach.received()::toString);
        }
    }

    @Test
    void revokingTheShareEndsTheSubscriptionAtOnce() {
        String id = org.sharedRecording();
        try (LiveClient coach = LiveClient.open(org.sharedCoach); LiveClient teacher = LiveClient.open(org.teacher)) {
            coach.subscribe(id);
            teacher.subscribe(id);

            long revoked = System.nanoTime();
            assertEquals(204, org.teacher.delete("/api/recordings/" + id + "/shares/" + org.sharedCoachId).status());

            LiveClient.Frame ended = coach.nextEvent("ended", id);
            assertEquals("access-revoked", ended.data().getString("reason"));
            assertTrue(ended.receivedNanos() - revoked < Duration.ofSeconds(1).toNanos(), "ended late");
            List<JsonObject> heard = Eventually.until(coach::received,
                    frames -> frames.stream().anyMatch(frame -> frame.getString("type").equals("share.revoked")));
            assertTrue(heard.stream().anyMatch(frame -> frame.getString("type").equals("share.revoked")), "the coach's library hears it too");
            created(org.teacher.postJson("/api/recordings/" + id + "/comments", new JsonObject().put("startMs", 0).put("body", "After")));
            teacher.nextEvent("comment.created", id);
            assertNoFrame(coach, id);
        }
    }

    @Test
    void aShareGivenLaterIsHeardByTheCoachWithoutSubscribing() {
        String id = org.recording("Shared later");
        try (LiveClient coach = LiveClient.open(org.sharedCoach)) {
            org.teacher.postJson("/api/recordings/" + id + "/shares",
                    new JsonObject().put("userId", org.sharedCoachId).put("permission", "view"));

            assertEquals("view", coach.nextEvent("share.granted", id).data().getString("permission"));
            assertEquals("view", coach.subscribe(id).data().getString("access"));
        }
    }

    @Test
    void deletingTheRecordingEndsEverySubscriptionToIt() {
        String id = org.sharedRecording();
        try (LiveClient coach = LiveClient.open(org.sharedCoach); LiveClient teacher = LiveClient.open(org.teacher)) {
            coach.subscribe(id);
            teacher.subscribe(id);

            assertEquals(204, org.teacher.delete("/api/recordings/" + id).status());

            assertEquals("recording-deleted", coach.nextEvent("ended", id).data().getString("reason"));
            assertEquals("recording-deleted", teacher.nextEvent("ended", id).data().getString("reason"));
        }
    }

    @Test
    void signingOutClosesTheSessionsSocket() {
        ApiClient coach = signedInAgain("coach@school.test");
        try (LiveClient live = LiveClient.open(coach)) {
            assertEquals(204, coach.delete("/api/session").status());

            assertEquals(LiveSocket.SIGNED_OUT, live.awaitClose(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aPageOfAnotherSiteCannotOpenTheChannel() {
        String own = server.base().toString();
        assertEquals(403, LiveClient.upgradeStatus(org.sharedCoach, "https://evil.example"));
        assertEquals(403, LiveClient.upgradeStatus(org.sharedCoach, "http://127.0.0.1:1"));
        assertEquals(403, LiveClient.upgradeStatus(org.sharedCoach, "null"));
        assertEquals(101, LiveClient.upgradeStatus(org.sharedCoach, own.substring(0, own.length() - (own.endsWith("/") ? 1 : 0))));
        assertEquals(101, LiveClient.upgradeStatus(org.sharedCoach, null), "no Origin: no browser");
    }

    @Test
    void anAnonymousCallerIsRefusedBeforeTheUpgrade() {
        assertEquals(401, LiveClient.upgradeStatus(org.anonymous, null));
        ApiResponse plain = org.sharedCoach.get("/api/live");
        assertEquals(400, plain.status(), plain::toString);
    }

    @Test
    void aMalformedMessageIsAnsweredWithAnErrorAndTheSocketStaysOpen() {
        try (LiveClient live = LiveClient.open(org.sharedCoach)) {
            live.sendText("not json");
            assertEquals(400, live.next(frame -> frame.type().equals("error")).data().getInteger("status"));
            live.send(new JsonObject().put("type", "subscribe").put("recordingId", "not-an-id"));
            assertTrue(live.next(frame -> frame.type().equals("error")).data().getString("detail").contains("recordingId"));
            live.send(new JsonObject().put("type", "dance"));
            assertEquals(400, live.next(frame -> frame.type().equals("error")).data().getInteger("status"));

            live.send(new JsonObject().put("type", "ping").put("data", new JsonObject().put("sentAt", 42)));
            assertEquals(42, live.next(frame -> frame.type().equals("pong")).data().getInteger("sentAt"));
        }
    }

    @Test
    void oneSocketFollowsAtMost32Recordings() {
        try (LiveClient live = LiveClient.open(org.teacher)) {
            for (int i = 0; i < 32; i++) {
                assertEquals("subscribed", live.subscribe(org.recording("Lesson " + i)).type());
            }
            LiveClient.Frame refused = live.subscribe(org.recording("One too many"));
            assertEquals(429, refused.data().getInteger("status"), refused.json()::encode);
        }
    }

    @Test
    void aFloodOfMessagesClosesTheSocket() {
        try (LiveClient live = LiveClient.open(org.sharedCoach)) {
            try {
                for (int i = 0; i < 200 && !live.isClosed(); i++) {
                    live.send(new JsonObject().put("type", "ping"));
                }
            } catch (java.util.concurrent.CompletionException closedWhileSending) {
                // the server closed it: the assertion below says with what
            }
            assertEquals(LiveSocket.TOO_MUCH, live.awaitClose(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aBrowserThatNeverReadsIsClosedInsteadOfHavingItsBacklogHeldWithoutBound() throws Exception {
        String id = org.recording("Notes nobody reads live");
        String note = "n".repeat(10_000);
        int notes = 1_200;
        try (Socket raw = new Socket()) {
            raw.setReceiveBufferSize(8 * 1024);
            raw.connect(new java.net.InetSocketAddress("127.0.0.1", server.base().getPort()));
            OutputStream out = raw.getOutputStream();
            out.write(("GET /api/live HTTP/1.1\r\nHost: 127.0.0.1:" + server.base().getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nCookie: " + org.teacher.cookieHeader() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The teacher's own notes reach her socket without a subscription; this one never reads them.
            try (var writers = Executors.newFixedThreadPool(4)) {
                List<Future<String>> posted = new ArrayList<>();
                for (int i = 0; i < notes; i++) {
                    posted.add(writers.submit(() -> created(org.teacher.postJson("/api/recordings/" + id + "/comments",
                            new JsonObject().put("startMs", 0).put("body", note).put("visibility", "private")))));
                }
                for (Future<String> done : posted) {
                    done.get();
                }
            }

            raw.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            InputStream in = raw.getInputStream();
            long read = 0;
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read += n;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server still holds the socket open after " + read + " bytes", e);
            } catch (java.net.SocketException reset) {
                // closed by the server: what matters is that it ended
            }
            assertTrue(read < (long) notes * note.length() / 2, "the server sent " + read + " bytes: it queued everything");
        }
    }

    private static void assertNoFrame(LiveClient live, String recordingId) {
        try {
            Thread.sleep(QUIET.toMillis());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        List<JsonObject> about = live.received().stream()
                .filter(frame -> recordingId.equals(frame.getString("recordingId")))
                .filter(frame -> frame.getString("type").startsWith("comment.") || frame.getString("type").startsWith("clip."))
                .toList();
        assertTrue(about.isEmpty(), "events reached a socket that may not see them: " + about);
    }

    private static ApiClient signedInAgain(String email) {
        return server.anonymous().signIn(email, Organization.passwordOf(email));
    }

    private static String created(ApiResponse response) {
        assertEquals(201, response.status(), response::toString);
        return response.json().getString("id");
    }
}
