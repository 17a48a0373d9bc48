package org.lessonloop.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.lessonloop.cli.AdminCommand;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.TestServer;

/** What the retention tests share: setting the policy, letting days pass, running the sweep, checking storage and rows. */
final class RetentionFixtures {
    private final TestServer server;

    RetentionFixtures(TestServer server) {
        this.server = server;
    }

    void policy(ApiClient admin, Integer purge, Integer delete, Integer warn) {
        ApiResponse set = admin.send("PUT", "/api/retention-policy", Map.of("Content-Type", "application/json"),
                new JsonObject().put("purgeOriginalsDays", purge).put("deleteInactiveDays", delete).put("warnDays", warn)
                        .encode().getBytes());
        assertEquals(200, set.status(), set.toString());
    }

    /** Days pass on the server's clock; sessions of twelve hours have then ended, so people sign in again. */
    void daysPass(int days) {
        server.clock().advance(Duration.ofDays(days));
    }

    /** Runs the sweep now (as housekeeping would) and waits until the jobs it queued have run. */
    JsonObject sweep() {
        ApiClient admin = server.admin();
        ApiResponse ran = admin.postJson("/api/retention-policy/run", new JsonObject());
        assertEquals(200, ran.status(), ran.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("SELECT count(*) FROM jobs WHERE kind LIKE 'retention.%' AND state IN ('queued', 'running')", null) > 0) {
            assertTrue(System.nanoTime() < deadline, "retention jobs still running after 60 s");
            sleep();
        }
        assertEquals(0, count("SELECT count(*) FROM jobs WHERE kind LIKE 'retention.%' AND state = 'dead'", null), "no retention job died");
        return ran.json();
    }

    /** admin check-storage, with no grace: nothing orphaned, nothing missing. */
    void assertStorageConsistent() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCommand.run(new String[] {"check-storage", "--older-than", "0s"}, server.env(),
                new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("0 orphaned, 0 abandoned multipart upload(s), 0 missing"), out.toString());
    }

    /** One number from the server's database; {@code id} fills the single {@code ?}, if any. */
    long count(String sql, String id) {
        var env = server.env();
        try (var db = DriverManager.getConnection(env.get("LESSONLOOP_DB_URL"), env.get("LESSONLOOP_DB_USER"), env.get("LESSONLOOP_DB_PASSWORD"));
             var query = db.prepareStatement(sql)) {
            if (id != null) {
                query.setObject(1, java.util.UUID.fromString(id));
            }
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
