package org.lessonloop.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lessonloop.media.ProcessedMedia;
import org.lessonloop.media.TestMedia;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/** Originals go N days after their renditions exist, never before and never without renditions. */
@RealServer
class OriginalsPurgeTest {
    private static TestServer server;
    private static Organization org;

    @Test
    void anOriginalIsPurgedNDaysAfterItsRenditionsExistAndOnlyThen() {
        var fixtures = new RetentionFixtures(server);
        fixtures.policy(org.admin, 30, null, null);
        String ready = org.recording("Ready lesson");
        new Tus(org.teacher).upload(ready, TestMedia.h264Aac(3, 320, 240));
        ProcessedMedia.awaitStatus(org.teacher, ready, Set.of("ready"), Duration.ofMinutes(3));
        String failed = org.recording("Not a video");
        new Tus(org.teacher).upload(failed, TestMedia.text("notes.mp4", "this is not a video"));
        ProcessedMedia.awaitStatus(org.teacher, failed, Set.of("failed"), Duration.ofMinutes(1));
        String readySource = "recordings/" + ready + "/source";
        String failedSource = "recordings/" + failed + "/source";

        fixtures.daysPass(29);
        assertEquals(0, fixtures.sweep().getInteger("purgesQueued"), "29 days: too early");
        assertTrue(server.store().stat(readySource).isPresent());

        fixtures.daysPass(2);
        assertEquals(1, fixtures.sweep().getInteger("purgesQueued"), "31 days: the ready recording's original, not the failed one's");
        assertFalse(server.store().stat(readySource).isPresent(), "the original is gone");
        assertTrue(server.store().stat(failedSource).isPresent(), "no renditions: the original stays");
        assertTrue(server.store().stat("recordings/" + ready + "/media/master.m3u8").isPresent(), "the renditions stay");
        assertEquals(1, fixtures.count("SELECT count(*) FROM recordings WHERE id = ? AND source_key IS NULL AND source_purged_at IS NOT NULL",
                ready));

        var teacher = Organization.signedInAt(server.base()).teacher;
        JsonObject after = teacher.get("/api/recordings/" + ready).json();
        assertEquals("ready", after.getString("status"), "still playable from its renditions");
        assertEquals(200, teacher.get("/api/recordings/" + ready + "/media/master.m3u8").status());
        assertEquals(0, fixtures.sweep().getInteger("purgesQueued"), "a second sweep finds nothing more to do");
        fixtures.assertStorageConsistent();
    }
}
