package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
