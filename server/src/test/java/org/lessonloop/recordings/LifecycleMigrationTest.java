package org.lessonloop.recordings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.testing.TestDatabase;

/** Recordings stored before the lifecycle had a state per step find their place in it. */
class LifecycleMigrationTest {
    /** The last migration before the lifecycle's states. */
    private static final String BEFORE = "5";

    @Test
    void earlierRecordingsGetTheStateTheirStepMostLikelyHad() throws SQLException {
        DatabaseSettings settings = TestDatabase.fresh();
        Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration").target(BEFORE).load().migrate();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
            c.createStatement().execute("""
                    INSERT INTO organizations (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'Old school');
                    INSERT INTO users (id, organization_id, email, display_name, role, password_hash)
                        VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001',
                                'old@school.test', 'Olde', 'teacher', 'x');
                    """);
            insert(c, "processing mid-way", "processing", "recordings/1/source", null);
            insert(c, "never got its file", "failed", null, null);
            insert(c, "not a video", "failed", "recordings/2/source", null);
            insert(c, "broken encode", "failed", "recordings/3/source", 60_000L);
            insert(c, "fine", "ready", "recordings/4/source", 60_000L);
        }

        Database.open(settings, 2).close();

        Map<String, String> statuses = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
             ResultSet rows = c.createStatement().executeQuery("SELECT title, status FROM recordings ORDER BY created_at, title")) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        }
        assertEquals(Map.of("processing mid-way", "probing", "never got its file", "upload_failed", "not a video", "probe_failed",
                "broken encode", "transcode_failed", "fine", "ready"), statuses);
    }

    private static void insert(Connection c, String title, String status, String sourceKey, Long durationMs) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO recordings (id, owner_id, title, status, source_key, duration_ms)"
                + " VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000002', ?, ?, ?, ?)")) {
            insert.setString(1, title);
            insert.setString(2, status);
            insert.setString(3, sourceKey);
            insert.setObject(4, durationMs);
            insert.executeUpdate();
        }
    }
}
