package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt(@TempDir Path dataDir) {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(pg.settings(), 2)) {
            // A commit is on disk before the client hears of it (the library's default is off, for speed).
            assertEquals("on", db.dsl().fetchValue("show synchronous_commit"));
            db.dsl().execute("insert into organizations (id, name) values ('00000000-0000-0000-0000-000000000001', 'Kept')");
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(pg.settings(), 2)) {
            assertEquals("Kept", db.dsl().fetchValue("select name from organizations"));
        }
    }

    @Test
    void anOrphanedPostgresFromAKilledRunIsStoppedSoTheNextStartSucceeds(@TempDir Path dataDir) throws Exception {
        // A JVM that starts the embedded PostgreSQL and is then killed with SIGKILL: the server stays up.
        String java = ProcessHandle.current().info().command().orElse("java");
        Process orphanMaker = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanMaker.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(orphanMaker.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(OrphanMaker.READY)) {
                // skip PostgreSQL's start-up output
            }
        }
        orphanMaker.destroyForcibly().waitFor();
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).getFirst().strip());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the orphan is still running");

        try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(next.settings(), 2)) {
            assertEquals(1, db.dsl().fetchValue("select 1"));
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped");
        }
    }

    @Test
    void theSuperuserNeedsTheRandomPasswordKeptInTheDataDirectory(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir)) {
            Path secret = dataDir.resolve("postgres.password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            assertEquals(pg.settings().password(), Files.readAllLines(secret).getFirst());
            assertTrue(pg.settings().password().length() >= 32, "a long random secret");

            assertRefused(pg.settings().jdbcUrl(), "");
            assertRefused(pg.settings().jdbcUrl(), "postgres");
            try (var c = DriverManager.getConnection(pg.settings().jdbcUrl(), "postgres", pg.settings().password())) {
                assertTrue(c.isValid(5));
            }
        }
    }

    @Test
    void pgHbaHoldsNoTrustEntry(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(pg.settings(), 2)) {
            assertNoTrust(db);
        }
    }

    @Test
    void theSocketIsInADirectoryOnlyTheServersUserCanEnter(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(pg.settings(), 2)) {
            Path sockets = Path.of(db.dsl().fetchValue("show unix_socket_directories").toString());
            assertEquals(dataDir.resolve("postgres-socket").toAbsolutePath(), sockets);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets)));
            String port = db.dsl().fetchValue("show port").toString();
            assertTrue(Files.exists(sockets.resolve(".s.PGSQL." + port)), "the socket is there");
            assertFalse(Files.exists(Path.of("/tmp/.s.PGSQL." + port)), "and not in /tmp");
        }
    }

    @Test
    void aDataDirectoryAnEarlierVersionLeftTrustingIsLockedDownAndKeepsItsData(@TempDir Path dataDir) throws Exception {
        // What the earlier versions made: the library's defaults, trust for every local connection.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toFile()).start();
             var c = old.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("create schema earlier");
            s.execute("create table earlier.kept (name text)");
            s.execute("insert into earlier.kept values ('before')");
        }

        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(pg.settings(), 2)) {
            assertEquals("before", db.dsl().fetchValue("select name from earlier.kept"));
            assertNoTrust(db);
            assertRefused(pg.settings().jdbcUrl(), "");
        }
        // And the next start works with the password alone.
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(pg.settings(), 2)) {
            assertEquals("before", db.dsl().fetchValue("select name from earlier.kept"));
        }
    }

    private static void assertNoTrust(Database db) {
        List<String> methods = db.dsl().fetch("select auth_method from pg_hba_file_rules").getValues(0, String.class);
        assertFalse(methods.isEmpty());
        assertEquals(List.of("scram-sha-256"), methods.stream().distinct().toList(), "every entry needs the password");
    }

    private static void assertRefused(String url, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", password).close());
        assertTrue(refused.getMessage().contains("password"), refused.getMessage());
    }

    /** Starts the embedded PostgreSQL, says so, and waits to be killed. */
    public static final class OrphanMaker {
        static final String READY = "orphan-ready";

        public static void main(String[] args) throws InterruptedException {
            EmbeddedPostgresServer.start(Path.of(args[0]));
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
