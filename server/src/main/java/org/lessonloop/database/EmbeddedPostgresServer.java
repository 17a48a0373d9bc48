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
 *
 * <p>Locked down as a shared machine needs it (issue 12): the library's initdb trusts every local
 * user as superuser and its socket sat in /tmp with mode 0777, so any account could read every
 * password hash and comment. Here the superuser has a random password kept beside the data
 * (mode 0600), pg_hba.conf holds only scram-sha-256 entries, and the socket lives in a directory
 * only the server's user can enter.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
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
            EmbeddedSecrets secrets = EmbeddedSecrets.in(dataDir.toAbsolutePath(), pgData);
            boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toAbsolutePath().toFile())
                    // The library turns this off for fast tests; a server's commits must survive a crash.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("unix_socket_directories", secrets.socketDirectory().toString())
                    .setServerConfig("unix_socket_permissions", "0700")
                    .setConnectConfig("password", secrets.password());
            if (port > 0) {
                builder.setPort(port);
            }
            if (fresh) {
                // initdb takes the last -A: these come after the library's "-A trust".
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", secrets.passwordFile().toString());
            }
            EmbeddedPostgres postgres = builder.start();
            secrets.lockDown(postgres.getPostgresDatabase());
            return new EmbeddedPostgresServer(postgres, secrets.password());
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
            String password = EmbeddedSecrets.in(dataDir.toAbsolutePath(), pidFile.getParent()).password();
            return Optional.of(new DatabaseSettings("jdbc:postgresql://localhost:" + Integer.parseInt(lines.get(3).strip()) + "/postgres",
                    SUPERUSER, password));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // being written or removed: treat as not running
        }
    }

    public DatabaseSettings settings() {
        return new DatabaseSettings(postgres.getJdbcUrl(SUPERUSER, "postgres"), SUPERUSER, password);
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
