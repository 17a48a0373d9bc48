package org.lessonloop.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL, shipped as Maven binaries, for the zero-setup run: data is kept under
 * the data directory so it survives restarts. Used only when LESSONLOOP_DB_URL is unset.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** On {@code port} (0: any free one), so that a restart keeps the address the server connects to. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            Path pgData = dataDir.resolve("postgres").toAbsolutePath();
            Files.createDirectories(pgData);
            StalePostmaster.stopIfRunning(pgData);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toAbsolutePath().toFile())
                    // The library turns this off for fast tests; a server's commits must survive a crash.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    /**
     * The embedded PostgreSQL a running server started under this data directory, if one runs: the
     * admin command line then uses it rather than start (or stop, as a stale one) its own. Its port
     * is the fourth line of postmaster.pid.
     */
    public static Optional<DatabaseSettings> runningUnder(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid").toAbsolutePath();
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() < 4 || ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DatabaseSettings("jdbc:postgresql://localhost:" + Integer.parseInt(lines.get(3).strip()) + "/postgres",
                    "postgres", ""));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // being written or removed: treat as not running
        }
    }

    public DatabaseSettings settings() {
        return new DatabaseSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
