package org.lessonloop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.Application;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.LiveClient;
import org.lessonloop.testing.LoopbackCluster;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;

/**
 * Web nodes sharing one clustered event bus over loopback (DESIGN.md §8): A and B in this JVM, so
 * the test can publish on one's bus and consume on the other's, and C in a JVM of its own, which is
 * stopped and killed. One PostgreSQL and one S3 under all three.
 */
class ClusteredEventBusTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static EmbeddedS3 s3;
    private static Map<String, String> env;
    private static Path dataDir;
    private static final LoopbackCluster CLUSTER = new LoopbackCluster(3);
    private static Application nodeA;
    private static Application nodeB;

    @BeforeAll
    static void startNodes() throws Exception {
        dataDir = Files.createTempDirectory("lessonloop-cluster");
        DatabaseSettings db = TestDatabase.fresh();
        s3 = EmbeddedS3.start(dataDir);
        env = TestServer.environment(dataDir, db, s3.settings());
        env.put("LESSONLOOP_METRICS_NETWORKS", "127.0.0.0/8");
        nodeA = Application.start(LessonloopConfig.from(node(0, "a")));
        nodeB = Application.start(LessonloopConfig.from(node(1, "b")));
    }

    @AfterAll
    static void stopNodes() {
        for (AutoCloseable node : new AutoCloseable[] {nodeB, nodeA, s3}) {
            try {
                if (node != null) {
                    node.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aMessagePublishedOnOneNodeReachesTheConsumersOfEveryOtherNodeOnce() throws Exception {
        String address = "debrief.room." + UUID.randomUUID();
        List<JsonObject> heardOnA = new CopyOnWriteArrayList<>();
        List<JsonObject> heardOnB = new CopyOnWriteArrayList<>();
        MessageConsumer<JsonObject> onA = nodeA.vertx().eventBus().consumer(address, m -> heardOnA.add(m.body()));
        MessageConsumer<JsonObject> onB = nodeB.vertx().eventBus().consumer(address, m -> heardOnB.add(m.body()));
        // Registered in the cluster, not just locally: what a room waits for before its welcome.
        onA.completion().await();
        onB.completion().await();

        for (int seq = 1; seq <= 20; seq++) {
            nodeB.vertx().eventBus().publish(address, new JsonObject().put("seq", seq));
        }

        awaitSize(heardOnA, 20);
        awaitSize(heardOnB, 20);
        Thread.sleep(200); // nothing more arrives: no message twice
        assertEquals(seqs(20), heardOnA.stream().map(m -> m.getInteger("seq")).toList(), "in order, once each, across nodes");
        assertEquals(seqs(20), heardOnB.stream().map(m -> m.getInteger("seq")).toList());
        onA.unregister().await();
        onB.unregister().await();
    }

    @Test
    void aCommentThroughOneNodeReachesALiveSocketOnTheOtherExactlyOnce() throws Exception {
        Organization atA = Organization.at(base(nodeA));
        Organization atB = Organization.signedInAt(base(nodeB));
        String id = atA.sharedRecording();
        try (LiveClient coach = LiveClient.open(atB.sharedCoach)) {
            coach.subscribe(id);
            String comment = atA.teacher.postJson("/api/recordings/" + id + "/comments",
                    new JsonObject().put("startMs", 0).put("body", "Wait time")).json().getString("id");
            assertEquals(comment, coach.nextEvent("comment.created", id).data().getString("id"));
            Thread.sleep(500);
            // PostgreSQL carries the event to B, so the clustered bus must not bring it a second time.
            long created = coach.received().stream().filter(f -> "comment.created".equals(f.getString("type"))).count();
            assertEquals(1, created, coach.received()::toString);
        }
    }

    @Test
    void readinessNamesTheMembersAndANodeThatStopsOrDiesLeavesThem() throws Exception {
        ApiClient atA = new ApiClient(base(nodeA));
        try (ServerProcess nodeC = new ServerProcess(node(2, "c"), "256m")) {
            awaitMembers(atA, 3);
            JsonObject cluster = awaitMembers(new ApiClient(URI.create("http://127.0.0.1:" + nodeC.port())), 3);
            assertEquals(CLUSTER.member(2), cluster.getString("self"));
            assertEquals(CLUSTER.name(), cluster.getString("name"));
            assertTrue(nodeC.log().contains("Joined cluster"), nodeC::log);

            nodeC.close(); // SIGTERM: Vert.x's close leaves the cluster
            long left = System.nanoTime();
            awaitMembers(atA, 2);
            assertTrue(System.nanoTime() - left < Duration.ofSeconds(5).toNanos(), "a stopped node leaves at once");
        }
        try (ServerProcess nodeC = new ServerProcess(node(2, "c"), "256m")) {
            awaitMembers(atA, 3);
            nodeC.kill(); // SIGKILL: the others drop it once it misses heartbeats
            awaitMembers(atA, 2);
        }
        String metrics = atA.get("/metrics").body();
        assertTrue(metrics.contains("lessonloop_cluster_members 2.0"), metrics);
    }

    /** The cluster check of /health/ready once it lists {@code count} members, which it must within the heartbeat timeout. */
    private static JsonObject awaitMembers(ApiClient node, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(HazelcastSettings.MAX_SILENT_SECONDS + 20).toNanos();
        JsonObject ready = node.get("/health/ready").json();
        while (System.nanoTime() < deadline) {
            JsonObject cluster = ready.getJsonObject("checks").getJsonObject("cluster");
            JsonArray members = cluster == null ? new JsonArray() : cluster.getJsonArray("members");
            if (members.size() == count) {
                assertEquals("ready", ready.getString("status"), ready.encode());
                return cluster;
            }
            Thread.sleep(100);
            ready = node.get("/health/ready").json();
        }
        throw new AssertionError("never " + count + " members: " + ready.encode());
    }

    private static Map<String, String> node(int index, String name) {
        Map<String, String> node = CLUSTER.node(env, index);
        node.put("LESSONLOOP_ROLE", "web");
        node.put("LESSONLOOP_DATA_DIR", dataDir.resolve(name).toString());
        if (index > 0) {
            node.remove("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL");
            node.remove("LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD");
        }
        return node;
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(size, list.size(), list::toString);
    }

    private static List<Integer> seqs(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }

    private static URI base(Application node) {
        return URI.create("http://127.0.0.1:" + node.port());
    }
}
