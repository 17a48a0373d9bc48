package org.lessonloop.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.database.EmbeddedPostgresServer;

/**
 * A real PostgreSQL for tests: LESSONLOOP_TEST_DB_URL if set, else the machine's PostgreSQL on
 * 127.0.0.1:5432 (what CI starts), else an embedded one for this test run. Every caller gets a
 * database of its own, so test classes never see each other's rows.
 */
public final class TestDatabase {
    private static DatabaseSettings server;

    private TestDatabase() {
    }

    public static DatabaseSettings fresh() {
        return freshOn(server());
    }

    /** A new, empty database on the PostgreSQL server that {@code admin} reaches. */
    public static DatabaseSettings freshOn(DatabaseSettings admin) {
        String name = "lessonloop_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + admin.jdbcUrl(), e);
        }
        String url = admin.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new DatabaseSettings(url, admin.user(), admin.password());
    }

    private static synchronized DatabaseSettings server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv().getOrDefault("LESSONLOOP_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("LESSONLOOP_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("LESSONLOOP_TEST_DB_PASSWORD", "");
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            server = new DatabaseSettings(url, user, password);
        } catch (SQLException unreachable) {
            try {
                Path dir = Files.createTempDirectory("lessonloop-test-pg");
                EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
                server = embedded.settings();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return server;
    }
}
