package org.lessonloop.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** A room outlives its node: the state is in PostgreSQL, and a client reconnecting to a restarted server gets it back. */
@RealServer
class DebriefRestartTest {
    private static final Vertx vertx = Vertx.vertx();
    private static TestServer server;
    private static Organization org;

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @Test
    void theRoomsStateReloadsFromPostgresqlAfterARestart() {
        String id = Rooms.onSharedRecording(org);
        JsonObject before;
        try (RoomClient teacher = RoomClient.join(vertx, org.teacher, id)) {
            teacher.stateOf(teacher.command("seek", new JsonObject().put("positionMs", 42_000), null));
            teacher.stateOf(teacher.command("rate", new JsonObject().put("rate", 0.75), null));
            before = Rooms.state(teacher.stateOf(teacher.command("play", new JsonObject(), null)));
        }

        server.restart();

        try (RoomClient coach = RoomClient.join(vertx, org.sharedCoach, id)) {
            assertEquals(before, Rooms.state(coach.welcome));
            JsonObject paused = Rooms.state(coach.stateOf(coach.command("pause", new JsonObject(), before.getLong("seq"))));
            assertEquals(before.getLong("seq") + 1, paused.getLong("seq"));
            assertEquals(0.75, paused.getDouble("rate"));
        }
    }
}
