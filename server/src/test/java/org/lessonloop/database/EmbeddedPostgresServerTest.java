package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt(@TempDir Path dataDir) {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(pg.settings(), 2)) {
            db.dsl().execute("insert into organizations (id, name) values ('00000000-0000-0000-0000-000000000001', 'Kept')");
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(pg.settings(), 2)) {
            assertEquals("Kept", db.dsl().fetchValue("select name from organizations"));
        }
    }

    @Test
    void anOrphanedPostgresFromAKilledRunIsStoppedSoTheNextStartSucceeds(@TempDir Path dataDir) throws Exception {
        EmbeddedPostgresServer orphan = EmbeddedPostgresServer.start(dataDir);
        // Simulate a JVM killed with SIGKILL: the server stays up and nobody calls close().
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).getFirst().strip());
        try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(dataDir); Database db = Database.open(next.settings(), 2)) {
            assertEquals(1, db.dsl().fetchValue("select 1"));
            assertEquals(false, ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            try {
                orphan.close();
            } catch (RuntimeException alreadyStopped) {
                // It was stopped by the second start, as intended.
            }
        }
    }
}
