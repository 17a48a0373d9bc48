package org.lessonloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ServerProcess;

/** The process's own life: a server that cannot start stops what it started and exits, so a supervisor sees it. */
class MainTest {
    @Test
    void aServerWhosePortIsTakenStopsItsEmbeddedDatabaseAndStorageAndExitsWithAFailure() throws Exception {
        Path dataDir = Files.createTempDirectory("lessonloop-main-test");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerProcess.Exit exit = ServerProcess.runUntilExit(Map.of(
                    "LESSONLOOP_HTTP_HOST", "127.0.0.1",
                    "LESSONLOOP_HTTP_PORT", Integer.toString(taken.getLocalPort()),
                    "LESSONLOOP_DATA_DIR", dataDir.toString(),
                    "LESSONLOOP_ROLE", "web"), Duration.ofMinutes(3));

            assertEquals(1, exit.status(), exit.log());
            assertTrue(exit.log().contains("Lessonloop could not start"), exit.log());
            // PostgreSQL removes its pid file when it shuts down; a postmaster left running keeps it.
            assertTrue(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")), "the embedded PostgreSQL never ran");
            assertFalse(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")), exit.log());
        }
    }
}
