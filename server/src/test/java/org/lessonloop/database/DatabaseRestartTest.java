package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.media.ProcessedMedia;
import org.lessonloop.media.TestMedia;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * PostgreSQL (an embedded one of this test's own, never the shared server) restarted under the
 * running application: requests in flight or arriving meanwhile get answers (200, or 503 with
 * Retry-After), never a hang; the change listener reconnects and the caches serve nothing that
 * changed while it was away; a job running through the restart ends ready, with no job left over.
 */
class DatabaseRestartTest {
    private static final Duration DOWN = Duration.ofSeconds(8);
    /** The longest a request may take while the database is away: it must be refused, not left waiting. */
    private static final Duration PROMPT = Duration.ofSeconds(10);
    private static Path dataDir;
    private static EmbeddedPostgresServer postgres;
    private static int port;
    private static TestServer server;
    private static Organization org;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("lessonloop-pg-restart");
        postgres = EmbeddedPostgresServer.start(dataDir);
        port = postgres.port();
        server = TestServer.start(postgres.settings(), Map.of("LESSONLOOP_JOB_RETRY_SECONDS", "1", "LESSONLOOP_JOB_LEASE_SECONDS", "3"));
        org = Organization.in(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        postgres.close();
    }

    @Test
    void aRequestBurstThroughARestartIsAnsweredPromptlyAndNothingCachedBeforeItIsServedStale() throws Exception {
        String id = org.sharedRecording();
        String path = "/api/recordings/" + id;
        assertEquals(200, org.sharedCoach.get(path).status(), "the coach's access is cached");

        record Answer(int status, long millis, String retryAfter) {
        }
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(Thread.ofVirtual().start(() -> {
                while (!done.get()) {
                    long start = System.nanoTime();
                    ApiResponse got = org.teacher.get(path);
                    answers.add(new Answer(got.status(), (System.nanoTime() - start) / 1_000_000, got.header("Retry-After")));
                }
            }));
        }
        Thread.sleep(500);
        postgres.close();
        Thread.sleep(DOWN);
        postgres = EmbeddedPostgresServer.start(dataDir, port);
        // Another node revokes the share at once, before this node's listener is back: its notification is lost.
        sql("DELETE FROM recording_shares WHERE recording_id = ?::uuid", id);
        Thread.sleep(2_000);
        done.set(true);
        for (Thread t : burst) {
            t.join(PROMPT.plusSeconds(30));
        }

        List<Answer> unexpected = answers.stream().filter(a -> a.status() != 200 && !(a.status() == 503 && "5".equals(a.retryAfter())))
                .toList();
        assertEquals(List.of(), unexpected, "only answers or 503s with Retry-After");
        assertTrue(answers.stream().anyMatch(a -> a.status() == 503), "refused while the database was away: " + answers.size());
        long slowest = answers.stream().mapToLong(Answer::millis).max().orElseThrow();
        assertTrue(slowest < PROMPT.toMillis(), "no request waited long: the slowest took " + slowest + " ms");
        assertEquals(200, org.teacher.get(path).status());

        assertEquals(404, Eventually.until(() -> org.sharedCoach.get(path).status(), s -> s == 404),
                "the revoked share is not served from the cache");
        awaitListening();
        assertEquals(404, org.sharedCoach.get(path).status(), "nor after the listener is back");
        org.teacher.postJson(path + "/shares", new JsonObject().put("userId", org.sharedCoachId).put("permission", "comment"));
        assertEquals(200, org.sharedCoach.get(path).status(), "changes are heard again");
    }

    @Test
    void aJobRunningThroughARestartEndsReadyWithNoJobLeftOver() throws Exception {
        String id = org.recording("Processing meets a database restart");
        new Tus(org.teacher).upload(id, TestMedia.mpeg4Mp3(20, 1280, 720));
        ProcessedMedia.awaitStatus(org.teacher, id, Set.of("processing"), Duration.ofMinutes(2));
        postgres.close();
        Thread.sleep(DOWN);
        postgres = EmbeddedPostgresServer.start(dataDir, port);

        JsonObject ended = ProcessedMedia.awaitStatus(org.teacher, id, Set.of("ready", "failed"), Duration.ofMinutes(4));
        assertEquals("ready", ended.getString("status"), ended.encode());
        new ProcessedMedia(server.store(), id).assertPlayable(20_000);
        assertEquals(List.of(), Eventually.until(() -> org.unfinishedJobs(id), List::isEmpty), "no job left queued or running");
    }

    /** The change listener's session is back (it names itself in pg_stat_activity). */
    private static void awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", ChangeListener.APPLICATION_NAME) == 0) {
            assertTrue(System.nanoTime() < deadline, "the change listener never reconnected");
            Thread.sleep(200);
        }
    }

    /** One statement on the database as another node would run it; a query's first number, or an update's count. */
    private static long sql(String statement, String parameter) throws SQLException {
        DatabaseSettings db = postgres.settings();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, parameter);
            if (s.execute()) {
                try (ResultSet rows = s.getResultSet()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
            return s.getUpdateCount();
        }
    }
}
