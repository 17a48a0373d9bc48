package org.lessonloop.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.Application;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.LoopbackCluster;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;

/**
 * A debrief room whose two people are on different web nodes of one clustered event bus (issue 13,
 * item 7): node A in this JVM, node B a server process of its own, which is killed. The room lives
 * in PostgreSQL, so the coach reconnects to A and carries on from the last state.
 */
class RoomsAcrossNodesTest {
    private static final Vertx vertx = Vertx.vertx();
    private static final LoopbackCluster CLUSTER = new LoopbackCluster(2);
    private static EmbeddedS3 s3;
    private static Application nodeA;
    private static ServerProcess nodeB;
    private static Organization atA;
    private static Organization atB;

    @BeforeAll
    static void startNodes() throws Exception {
        Path dataDir = Files.createTempDirectory("lessonloop-rooms-nodes");
        s3 = EmbeddedS3.start(dataDir);
        Map<String, String> env = TestServer.environment(dataDir, TestDatabase.fresh(), s3.settings());
        env.put("LESSONLOOP_ROLE", "web");
        Map<String, String> a = CLUSTER.node(env, 0);
        a.put("LESSONLOOP_DATA_DIR", dataDir.resolve("a").toString());
        nodeA = Application.start(LessonloopConfig.from(a));
        Map<String, String> b = CLUSTER.node(env, 1);
        b.put("LESSONLOOP_DATA_DIR", dataDir.resolve("b").toString());
        b.remove("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL");
        b.remove("LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD");
        nodeB = new ServerProcess(b, "256m");
        atA = Organization.at(URI.create("http://127.0.0.1:" + nodeA.port()));
        atB = Organization.signedInAt(URI.create("http://127.0.0.1:" + nodeB.port()));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        vertx.close().await();
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void peopleOnTwoNodesStayInStepAndARoomOutlivesTheNodeThatDies() throws Exception {
        String id = Rooms.onSharedRecording(atA);
        try (RoomClient teacher = RoomClient.join(vertx, atA.teacher, id)) {
            JsonObject last;
            try (RoomClient coach = RoomClient.join(vertx, atB.sharedCoach, id)) {
                bothSee(teacher, coach, teacher.command("play", new JsonObject(), null));
                bothSee(teacher, coach, coach.command("seek", new JsonObject().put("positionMs", 3_000), null));
                bothSee(teacher, coach, teacher.command("rate", new JsonObject().put("rate", 1.5), null));
                last = bothSee(teacher, coach, coach.command("pause", new JsonObject(), null));
                assertEquals(4, Rooms.state(last).getLong("seq"), last::encode);

                nodeB.kill(); // SIGKILL: no goodbye to the cluster, the coach's socket just breaks
                coach.awaitClose(Duration.ofSeconds(10));
            }

            // The coach's page reconnects, through the load balancer, to the node still up.
            ApiClient coachAtA = new ApiClient(atA.teacher.base()).withSessionOf(atB.sharedCoach);
            try (RoomClient coach = RoomClient.join(vertx, coachAtA, id)) {
                assertEquals(Rooms.state(last), Rooms.state(coach.welcome), "the state is reloaded from PostgreSQL, whole");
                JsonObject resumed = bothSee(teacher, coach, coach.command("seek", new JsonObject().put("positionMs", 5_000), 4L));
                assertEquals(5, Rooms.state(resumed).getLong("seq"));
                assertEquals(5_000, Rooms.state(resumed).getLong("positionMs"));
            }
        }
    }

    /** The state a command caused, the same frame at both ends. */
    private static JsonObject bothSee(RoomClient one, RoomClient other, String commandId) {
        JsonObject seen = one.stateOf(commandId);
        JsonObject there = other.stateOf(commandId);
        assertEquals(seen, there, "both nodes' participants get the same state");
        assertTrue(seen.getLong("effectiveAt") > 0, seen::encode);
        return seen;
    }
}
