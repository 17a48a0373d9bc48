package org.lessonloop.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps the embedded PostgreSQL to the server's own user: the superuser's password in a 0600
 * file beside the data, pg_hba.conf with password entries only, and a 0700 socket directory.
 */
final class EmbeddedSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSecrets.class);
    /** A Unix socket path holds at most 107 bytes; the socket's own name takes up to 17 of them. */
    private static final int LONGEST_SOCKET_DIRECTORY = 90;
    static final List<String> HBA = List.of(
            "# Written by Lessonloop: every connection needs the password in ../postgres.password.",
            "local   all             all                                     scram-sha-256",
            "host    all             all             127.0.0.1/32            scram-sha-256",
            "host    all             all             ::1/128                 scram-sha-256",
            "local   replication     all                                     scram-sha-256",
            "host    replication     all             127.0.0.1/32            scram-sha-256",
            "host    replication     all             ::1/128                 scram-sha-256");

    private final Path passwordFile;
    private final String password;
    private final Path socketDirectory;
    private final Path pgData;

    private EmbeddedSecrets(Path passwordFile, String password, Path socketDirectory, Path pgData) {
        this.passwordFile = passwordFile;
        this.password = password;
        this.socketDirectory = socketDirectory;
        this.pgData = pgData;
    }

    /** The secrets of the data directory, made on first use. */
    static EmbeddedSecrets in(Path dataDir, Path pgData) throws IOException {
        Path file = dataDir.resolve("postgres.password");
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        String password = Files.readAllLines(file, StandardCharsets.UTF_8).getFirst().strip();
        return new EmbeddedSecrets(file, password, privateDirectory(dataDir.resolve("postgres-socket")), pgData);
    }

    /** Under the data directory when its path is short enough for a socket, else a fresh private temporary one. */
    private static Path privateDirectory(Path preferred) throws IOException {
        var owner = PosixFilePermissions.fromString("rwx------");
        if (preferred.toString().getBytes(StandardCharsets.UTF_8).length > LONGEST_SOCKET_DIRECTORY) {
            return Files.createTempDirectory("lessonloop-pg", PosixFilePermissions.asFileAttribute(owner));
        }
        Files.createDirectories(preferred);
        Files.setPosixFilePermissions(preferred, owner);
        return preferred;
    }

    Path passwordFile() {
        return passwordFile;
    }

    String password() {
        return password;
    }

    Path socketDirectory() {
        return socketDirectory;
    }

    /**
     * Leaves pg_hba.conf as {@link #HBA}. A data directory made by an earlier version trusted every
     * local connection: its superuser gets the password first, then the trust entries go (reloaded).
     */
    void lockDown(DataSource superuser) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        List<String> entries = Files.readAllLines(hba);
        if (entries.equals(HBA)) {
            return;
        }
        if (entries.stream().anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust\\b.*"))) {
            LOG.warn("The embedded PostgreSQL under {} trusted local connections; it now needs the password in {}", pgData, passwordFile);
        }
        try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
            Files.write(hba, HBA);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the embedded PostgreSQL's password", e);
        }
    }
}
