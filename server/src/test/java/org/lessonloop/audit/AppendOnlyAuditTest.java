package org.lessonloop.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * The audit is append-only in the database itself (issue 12 item 4): the role the server connects
 * with (here a superuser, the strongest case) cannot change or remove a line, nor shrink a
 * playback session; only real deletion of the recording takes its lines along.
 */
@RealServer
class AppendOnlyAuditTest {
    private static TestServer server;
    private static Organization org;

    @Test
    void anAuditLineCannotBeUpdated() {
        String id = org.sharedRecording();

        var refused = assertThrows(IllegalStateException.class,
                () -> server.sqlUpdate("UPDATE audit_events SET actor_id = NULL WHERE recording_id = ?::uuid", id));

        assertTrue(refused.getCause().getMessage().contains("append-only"), refused.getCause().getMessage());
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE recording_id = ?::uuid AND actor_id IS NOT NULL", id));
    }

    @Test
    void anAuditLineOfAnExistingRecordingCannotBeDeleted() {
        String id = org.sharedRecording();

        var refused = assertThrows(IllegalStateException.class,
                () -> server.sqlUpdate("DELETE FROM audit_events WHERE recording_id = ?::uuid", id));

        assertTrue(refused.getCause().getMessage().contains("append-only"), refused.getCause().getMessage());
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE recording_id = ?::uuid", id));
    }

    @Test
    void theAuditCannotBeTruncated() {
        org.sharedRecording();

        for (String table : new String[] {"audit_events", "playback_sessions"}) {
            var refused = assertThrows(SQLException.class, () -> truncate(table));
            assertTrue(refused.getMessage().contains("TRUNCATE refused"), refused.getMessage());
        }
        assertTrue(count("SELECT count(*) FROM audit_events WHERE action = ?", "share.granted") > 0);
    }

    @Test
    void aPlaybackSessionCannotBeShrunkRewrittenOrDeleted() {
        String id = playedByTheCoach();

        for (String tampering : new String[] {
                "UPDATE playback_sessions SET watched_ms = 0, reports = reports + 1 WHERE recording_id = ?::uuid",
                "UPDATE playback_sessions SET viewer_id = gen_random_uuid(), reports = reports + 1 WHERE recording_id = ?::uuid",
                "UPDATE playback_sessions SET started_at = now() - interval '1 day', reports = reports + 1 WHERE recording_id = ?::uuid",
                "DELETE FROM playback_sessions WHERE recording_id = ?::uuid"}) {
            var refused = assertThrows(IllegalStateException.class, () -> server.sqlUpdate(tampering, id), tampering);
            assertTrue(refused.getCause().getMessage().contains("only grow"), refused.getCause().getMessage());
        }
        assertEquals(1, count("SELECT count(*) FROM playback_sessions WHERE recording_id = ?::uuid AND watched_ms = 4000", id));
    }

    @Test
    void deletingTheRecordingTakesItsAuditAlongButKeepsTheLineOfTheDeletion() {
        String id = playedByTheCoach();
        assertEquals(204, org.teacher.delete("/api/recordings/" + id).status());

        assertEquals(0, count("SELECT count(*) FROM playback_sessions WHERE recording_id = ?::uuid", id));
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE recording_id = ?::uuid", id));
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE recording_id = ?::uuid AND action = 'recording.deleted'", id));
        assertThrows(IllegalStateException.class, () -> server.sqlUpdate("DELETE FROM audit_events WHERE recording_id = ?::uuid", id),
                "the line of the deletion stays");
    }

    // --- fixtures ---------------------------------------------------------------------------

    private static String playedByTheCoach() {
        String id = org.sharedRecording();
        server.sqlUpdate("UPDATE recordings SET duration_ms = 60000 WHERE id = ?::uuid", id);
        var reported = org.sharedCoach.sendRaw("PUT", "/api/recordings/" + id + "/playback/" + UUID.randomUUID(), "application/json",
                new JsonObject().put("watchedMs", 4_000).put("ranges", new JsonArray().add(new JsonArray().add(0).add(4_000))).encode());
        assertEquals(204, reported.status(), reported::toString);
        return id;
    }

    private static void truncate(String table) throws SQLException {
        try (Connection db = connect(); var statement = db.createStatement()) {
            statement.execute("TRUNCATE " + table);
        }
    }

    private static Connection connect() throws SQLException {
        var env = server.env();
        return DriverManager.getConnection(env.get("LESSONLOOP_DB_URL"), env.get("LESSONLOOP_DB_USER"), env.get("LESSONLOOP_DB_PASSWORD"));
    }

    private static long count(String sql, String parameter) {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
