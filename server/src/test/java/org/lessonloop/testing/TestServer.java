package org.lessonloop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.lessonloop.Application;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.storage.S3Settings;

/**
 * The real application on a free port, with a fresh PostgreSQL database and its own embedded S3
 * server (or, with {@link #startOn}, a database and bucket in containers). S3 and the database
 * outlive {@link #restart()}, as they would a server restart.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@school.test";
    public static final String ADMIN_PASSWORD = "admin-password-123";

    private final Path dataDir;
    private EmbeddedS3 s3;
    private final ObjectStore store;
    private final Map<String, String> env;
    private final TestClock clock = new TestClock();
    private Application app;

    /** {@code external} null: an embedded S3 server of its own under the data directory. */
    private TestServer(DatabaseSettings db, S3Settings external, Map<String, String> extraEnv) {
        try {
            dataDir = Files.createTempDirectory("lessonloop-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3 = external == null ? EmbeddedS3.start(dataDir) : null;
        S3Settings s3Settings = external == null ? s3.settings() : external;
        store = ObjectStore.connect(s3Settings);
        env = environment(dataDir, db, s3Settings);
        env.put("LESSONLOOP_UPLOAD_PART_BYTES", "5MiB");
        env.putAll(extraEnv);
        app = Application.start(LessonloopConfig.from(env).withClock(clock));
    }

    /**
     * The environment of a server on a free port over this database and S3 server, with the test
     * admin and fast password hashing; callers add or override variables.
     */
    public static Map<String, String> environment(Path dataDir, DatabaseSettings db, S3Settings s3) {
        Map<String, String> env = new HashMap<>(Map.of(
                "LESSONLOOP_HTTP_PORT", "0",
                "LESSONLOOP_DATA_DIR", dataDir.toString(),
                "LESSONLOOP_DB_URL", db.jdbcUrl(),
                "LESSONLOOP_DB_USER", db.user(),
                "LESSONLOOP_DB_PASSWORD", db.password(),
                "LESSONLOOP_S3_ENDPOINT", s3.endpoint().toString(),
                "LESSONLOOP_S3_ACCESS_KEY", s3.accessKey(),
                "LESSONLOOP_S3_SECRET_KEY", s3.secretKey(),
                "LESSONLOOP_S3_BUCKET", s3.bucket(),
                "LESSONLOOP_PASSWORD_ITERATIONS", "10000"));
        env.put("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return env;
    }

    /** The LESSONLOOP_* environment this server runs with, for tools pointed at the same database and storage. */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Runs one SQL update on the server's database (to age a session or an upload); returns the row count. */
    public int sqlUpdate(String sql, String parameter) {
        try (Connection db = DriverManager.getConnection(env.get("LESSONLOOP_DB_URL"), env.get("LESSONLOOP_DB_USER"),
                env.get("LESSONLOOP_DB_PASSWORD")); PreparedStatement update = db.prepareStatement(sql)) {
            update.setString(1, parameter);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * {@link #sqlUpdate} with the tables' triggers off for this one statement: a test that ages
     * append-only history (audit_events refuses every UPDATE from the app) does it as the database's
     * superuser, through replication mode, which ordinary triggers do not fire in.
     */
    public int sqlUpdateBypassingTriggers(String sql, String parameter) {
        try (Connection db = DriverManager.getConnection(env.get("LESSONLOOP_DB_URL"), env.get("LESSONLOOP_DB_USER"),
                env.get("LESSONLOOP_DB_PASSWORD"))) {
            db.setAutoCommit(false);
            try (var replica = db.createStatement(); PreparedStatement update = db.prepareStatement(sql)) {
                replica.execute("SET LOCAL session_replication_role = replica");
                update.setString(1, parameter);
                int rows = update.executeUpdate();
                db.commit();
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> extraEnv) {
        return new TestServer(TestDatabase.fresh(), null, extraEnv);
    }

    /** The server over a database and an S3 bucket that someone else runs (containers), which outlive it. */
    public static TestServer startOn(DatabaseSettings db, S3Settings s3, Map<String, String> extraEnv) {
        return new TestServer(db, s3, extraEnv);

    }

    /** Over a database the test controls (one it restarts, say). */
    public static TestServer start(DatabaseSettings db, Map<String, String> extraEnv) {
        return new TestServer(db, null, extraEnv);
    }

    /** The server's clock: move it forward to let days pass. */
    public TestClock clock() {
        return clock;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    public ApiClient anonymous() {
        return new ApiClient(base());
    }

    public ApiClient admin() {
        return anonymous().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** The object store behind the server, to check what is really stored. */
    public ObjectStore store() {
        return store;
    }

    /** The application's HTTP surface, built as the server builds it, to list its routes. */
    public io.vertx.ext.web.Router router() {
        return app.router();
    }

    /** The running application's event bus, to watch live events. */
    public io.vertx.core.eventbus.EventBus eventBus() {
        return app.vertx().eventBus();
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * How many objects storage holds under a key prefix. On the embedded S3 these are the files in
     * its folder, so multipart parts and anything else left on disk count too; elsewhere the listing.
     */
    public long objectsUnder(String prefix) {
        if (s3 == null) {
            return store.list(prefix).size();
        }
        Path dir = dataDir.resolve("objects").resolve(EmbeddedS3.BUCKET).resolve(prefix);
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the S3 server, as an outage would; the application keeps running and finds storage gone. */
    public void stopStorage() {
        s3.close();
    }

    /** The S3 server back after {@link #stopStorage()}: the same port, credentials and objects. */
    public void startStorage() {
        S3Settings settings = s3.settings();
        s3 = EmbeddedS3.start(dataDir, settings.endpoint().getPort(), settings.accessKey(), settings.secretKey());
    }

    /** Stops the application and starts it again on the same port, database and storage. */
    public void restart() {
        env.put("LESSONLOOP_HTTP_PORT", Integer.toString(app.port()));
        app.close();
        app = Application.start(LessonloopConfig.from(env).withClock(clock));
    }

    @Override
    public void close() {
        app.close();
        store.close();
        if (s3 != null) {
            s3.close();
        }
    }
}
