package org.lessonloop.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.Application;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.media.TestMedia;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.LiveClient;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * Three nodes over one PostgreSQL and one S3: web node A in this JVM, web node B and a worker each
 * in a JVM of its own (DESIGN.md §8). Web nodes run no jobs, so whatever the worker does reaches a
 * browser only across nodes.
 */
class LiveAcrossNodesTest {
    private static final Duration PROCESSING = Duration.ofMinutes(3);
    private static final int LATENCY_SAMPLES = 200;

    private static EmbeddedS3 s3;
    private static Application webA;
    private static ServerProcess webB;
    private static ServerProcess worker;
    /** The same people, signed in through node A and through node B. */
    private static Organization atA;
    private static Organization atB;

    @BeforeAll
    static void startNodes() throws Exception {
        Path dataDir = Files.createTempDirectory("lessonloop-live-nodes");
        DatabaseSettings db = TestDatabase.fresh();
        s3 = EmbeddedS3.start(dataDir);
        Map<String, String> env = TestServer.environment(dataDir, db, s3.settings());
        webA = Application.start(LessonloopConfig.from(withRole(env, "web", dataDir.resolve("a"))));
        webB = new ServerProcess(withRole(env, "web", dataDir.resolve("b")), "256m");
        worker = new ServerProcess(withRole(env, "worker", dataDir.resolve("worker")), "256m");
        atA = Organization.at(URI.create("http://127.0.0.1:" + webA.port()));
        atB = Organization.signedInAt(URI.create("http://127.0.0.1:" + webB.port()));
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        if (webB != null) {
            webB.close();
        }
        if (webA != null) {
            webA.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void theWorkersProgressReachesTheOwnersSocketAndASubscribedCoachOnBothWebNodes() {
        String id = atA.sharedRecording();
        try (LiveClient teacher = LiveClient.open(atA.teacher); LiveClient coach = LiveClient.open(atB.sharedCoach)) {
            coach.subscribe(id);

            new Tus(atA.teacher).upload(id, TestMedia.h264Aac(6, 640, 360));

            for (LiveClient live : List.of(teacher, coach)) {
                LiveClient.Frame progress = live.next(frame -> frame.type().equals("recording.processing")
                        && id.equals(frame.recordingId()) && "processing".equals(frame.data().getString("status")), PROCESSING);
                assertTrue(progress.data().containsKey("step"), progress.json()::encode);
                live.next(frame -> frame.type().equals("recording.playable") && id.equals(frame.recordingId()), PROCESSING);
                live.next(frame -> frame.type().equals("recording.processing") && id.equals(frame.recordingId())
                        && "ready".equals(frame.data().getString("status")), PROCESSING);
            }
        }
    }

    @Test
    void aCommentPostedThroughOneWebNodeReachesASocketOnTheOtherWhole() {
        String id = atA.sharedRecording();
        String long10k = "Ask, then wait. ".repeat(625).strip();
        try (LiveClient coach = LiveClient.open(atB.sharedCoach)) {
            coach.subscribe(id);

            created(atA.teacher.postJson("/api/recordings/" + id + "/comments", new JsonObject().put("startMs", 0).put("body", long10k)));

            assertEquals(long10k, coach.nextEvent("comment.created", id).data().getString("body"), "a 10,000-character comment");
        }
    }

    @Test
    void aShareRevokedThroughOneNodeEndsTheSubscriptionOnTheOther() {
        String id = atA.sharedRecording();
        try (LiveClient coach = LiveClient.open(atA.sharedCoach)) {
            coach.subscribe(id);

            assertEquals(204, atB.teacher.delete("/api/recordings/" + id + "/shares/" + atA.sharedCoachId).status());

            assertEquals("access-revoked", coach.nextEvent("ended", id).data().getString("reason"));
        }
    }

    @Test
    void signingOutThroughOneNodeClosesTheSocketOnTheOther() {
        ApiClient coachAtA = new ApiClient(atA.teacher.base()).signIn("coach@school.test", Organization.passwordOf("coach@school.test"));
        try (LiveClient live = LiveClient.open(coachAtA)) {
            ApiClient sameSessionAtB = new ApiClient(atB.teacher.base()).withSessionOf(coachAtA);
            assertEquals(204, sameSessionAtB.delete("/api/session").status());

            assertEquals(LiveSocket.SIGNED_OUT, live.awaitClose(Duration.ofSeconds(5)));
        }
    }

    /** DESIGN.md §7: a comment posted by one browser shows in another within 200 ms. Prints p50/p99 (the figures bench reports). */
    @Test
    void aCommentReachesOtherBrowsersWithin200MillisecondsOnOneNodeAndAcrossNodes() throws InterruptedException {
        String id = atA.sharedRecording();
        try (LiveClient sameNode = LiveClient.open(atA.sharedCoach); LiveClient otherNode = LiveClient.open(atB.sharedCoach)) {
            sameNode.subscribe(id);
            otherNode.subscribe(id);
            List<Long> answered = new ArrayList<>();
            List<Long> local = new ArrayList<>();
            List<Long> across = new ArrayList<>();
            for (int i = 0; i < LATENCY_SAMPLES + 20; i++) {
                long posted = System.nanoTime();
                String comment = created(atA.teacher.postJson("/api/recordings/" + id + "/comments",
                        new JsonObject().put("startMs", i).put("body", "Moment " + i)));
                long response = System.nanoTime() - posted;
                long here = sameNode.next(frame -> comment.equals(frame.data().getString("id"))).receivedNanos() - posted;
                long there = otherNode.next(frame -> comment.equals(frame.data().getString("id"))).receivedNanos() - posted;
                if (i >= 20) { // the first ones warm the JIT up
                    answered.add(response);
                    local.add(here);
                    across.add(there);
                }
                Thread.sleep(10);
            }
            String report = "comment POST → other browser, " + LATENCY_SAMPLES + " comments: same node " + percentiles(local)
                    + "; across nodes " + percentiles(across) + " (the POST's own answer: " + percentiles(answered) + ")";
            System.out.println(report);
            // The target holds for the typical comment; the tail is left loose, since tests share the machine's two cores.
            assertTrue(percentile(local, 50) < Duration.ofMillis(200).toNanos(), report);
            assertTrue(percentile(across, 50) < Duration.ofMillis(200).toNanos(), report);
            assertTrue(percentile(across, 99) < Duration.ofSeconds(1).toNanos(), report);
        }
    }

    private static String percentiles(List<Long> nanos) {
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, percentile(nanos, 100) / 1e6);
    }

    private static long percentile(List<Long> nanos, int p) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Map<String, String> withRole(Map<String, String> env, String role, Path dataDir) {
        Map<String, String> node = new java.util.HashMap<>(env);
        node.put("LESSONLOOP_ROLE", role);
        node.put("LESSONLOOP_DATA_DIR", dataDir.toString());
        return node;
    }

    private static String created(ApiResponse response) {
        assertEquals(201, response.status(), response::toString);
        return response.json().getString("id");
    }
}
