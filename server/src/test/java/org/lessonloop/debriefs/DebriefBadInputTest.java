package org.lessonloop.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** What a misbehaving participant gets on a room's socket: an error frame or a close with a reason, and nobody else disturbed. */
@RealServer
class DebriefBadInputTest {
    private static final Vertx vertx = Vertx.vertx();
    private static TestServer server;
    private static Organization org;

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @Test
    void aMalformedFrameIsAnsweredWithAnErrorAndManyCloseTheSocket() {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            coach.sendText("not json");
            assertEquals("invalid", coach.next("error").getString("code"));
            coach.send(new JsonObject().put("type", "dance"));
            assertTrue(coach.next("error").getString("detail").contains("'type'"));
            assertFalse(coach.isClosed());
            for (int i = 0; i < 20 && !coach.isClosed(); i++) {
                coach.sendText("{\"type\":");
            }
            assertEquals(new RoomClient.Closed(4400, "too many malformed messages"), coach.awaitClose(RoomClient.WAIT));
        }
    }

    @Test
    void commandsAndMessagesWithBadFieldsAreRefusedOneByOne() {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            for (JsonObject bad : List.of(
                    new JsonObject().put("type", "command").put("action", "rate").put("rate", 5),
                    new JsonObject().put("type", "command").put("action", "seek"),
                    new JsonObject().put("type", "command").put("action", "seek").put("positionMs", -3),
                    new JsonObject().put("type", "command").put("action", "item").put("item", 7),
                    new JsonObject().put("type", "command").put("action", "jump"),
                    new JsonObject().put("type", "pointer").put("x", 2).put("y", 0.5),
                    new JsonObject().put("type", "time"),
                    new JsonObject().put("type", "comment").put("positionMs", 0),
                    new JsonObject().put("type", "comment").put("body", "x").put("positionMs", 0).put("drawings", tooManyShapes()),
                    new JsonObject().put("type", "sketch").put("shapes", new JsonArray().add(new JsonObject().put("kind", "circle"))))) {
                coach.send(bad.put("commandId", "c-" + bad.hashCode()));
                JsonObject error = coach.next("error");
                assertEquals("invalid", error.getString("code"), bad.encode() + " → " + error.encode());
                assertEquals("c-" + bad.hashCode(), error.getString("commandId"));
            }
            assertFalse(coach.isClosed());
            assertEquals(0, Rooms.state(org.teacher.get("/api/debriefs/" + id).json()).getLong("seq"), "nothing was applied");
        }
    }

    @Test
    void anOversizedFrameClosesThatSocketOnlyWith1009() {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            coach.send(new JsonObject().put("type", "comment").put("body", "x".repeat(20_000)).put("positionMs", 0));
            RoomClient.Closed closed = coach.awaitClose(RoomClient.WAIT);
            assertEquals(1009, closed.code(), closed::toString);
            DebriefRoomTest.bothSee(teacher, teacher, teacher.command("play", new JsonObject(), null));
        }
    }

    @Test
    void aFloodOfSeeksIsRateLimitedWithoutClosingAndAFloodOfMessagesCloses4429() {
        String id = Rooms.onSharedRecording(org);
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id); RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            for (int i = 0; i < 30; i++) {
                coach.command("seek", new JsonObject().put("positionMs", i * 100), null);
            }
            assertEquals("rate-limited", coach.next(f -> "error".equals(f.getString("type"))).getString("code"));
            assertFalse(coach.isClosed());

            try {
                for (int i = 0; i < 500 && !coach.isClosed(); i++) {
                    coach.send(new JsonObject().put("type", "time").put("t0", i));
                }
            } catch (RuntimeException closedWhileSending) {
                // the server closed it: the assertion below says with what
            }
            assertEquals(new RoomClient.Closed(4429, "too many messages"), coach.awaitClose(RoomClient.WAIT));
            assertFalse(teacher.isClosed());
            DebriefRoomTest.bothSee(teacher, teacher, teacher.command("pause", new JsonObject(), null));
        }
    }

    @Test
    void aParticipantWhoNeverReadsIsClosedWhileTheOthersGoOn() throws Exception {
        String id = Rooms.onSharedRecording(org);
        List<RoomClient> senders = new ArrayList<>();
        try (Socket raw = new Socket()) {
            raw.setReceiveBufferSize(8 * 1024);
            raw.connect(new InetSocketAddress("127.0.0.1", server.base().getPort()));
            OutputStream out = raw.getOutputStream();
            out.write(("GET /api/debriefs/" + id + "/socket HTTP/1.1\r\nHost: 127.0.0.1:" + server.base().getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nCookie: " + org.sharedCoach.cookieHeader() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 4; i++) {
                senders.add(RoomClient.join(vertx, org.teacher, id));
            }
            RoomClient watcher = senders.getFirst();
            watcher.next(frame -> "presence".equals(frame.getString("type")) && frame.encode().contains(org.sharedCoachId));
            JsonObject sketch = new JsonObject().put("type", "sketch").put("shapes", longLine());
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            boolean gone = false;
            while (!gone && System.nanoTime() < deadline) {
                for (RoomClient sender : senders) {
                    sender.send(sketch);
                }
                Thread.sleep(100);
                gone = watcher.received().stream().anyMatch(frame -> "presence".equals(frame.getString("type"))
                        && !frame.encode().contains(org.sharedCoachId));
            }
            assertTrue(gone, "the participant who never reads is still in the room");
            for (RoomClient sender : senders) {
                assertFalse(sender.isClosed(), "a reading participant was closed too");
            }
        } finally {
            senders.forEach(RoomClient::close);
        }
    }

    private static JsonArray tooManyShapes() {
        JsonArray shapes = new JsonArray();
        for (int i = 0; i < 21; i++) {
            shapes.add(DebriefRoomTest.arrow().getJsonObject(0));
        }
        return shapes;
    }

    /** One freehand line of 500 points: a sketch frame of about 13 KB. */
    private static JsonArray longLine() {
        JsonArray points = new JsonArray();
        for (int i = 0; i < 500; i++) {
            points.add(new JsonArray().add(0.123456 + i / 10_000.0).add(0.654321));
        }
        return new JsonArray().add(new JsonObject().put("kind", "freehand").put("points", points).put("color", "#00aa00"));
    }
}
