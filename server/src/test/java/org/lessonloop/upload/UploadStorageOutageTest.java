package org.lessonloop.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lessonloop.media.ProcessedMedia;
import org.lessonloop.media.TestMedia;
import org.lessonloop.recordings.Recording;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * The S3 server stopped in the middle of a tus PATCH, then started again on the same port and
 * data: the upload keeps every part that was stored, says so truthfully, resumes from there, and
 * ends with the recording ready and no multipart upload left open.
 */
@RealServer
class UploadStorageOutageTest {
    private static final long PART = 5L << 20; // TestServer's LESSONLOOP_UPLOAD_PART_BYTES
    private static TestServer server;
    private static Organization org;

    @Test
    void anUploadCutByAStorageOutageResumesFromItsStoredPartsOnceStorageIsBack() throws Exception {
        String id = org.recording("Upload meets an outage");
        byte[] file = Files.readAllBytes(TestMedia.h264Aac(40, 640, 360));
        assertTrue(file.length > 2 * PART, "long enough for parts before and after the outage: " + file.length);
        Tus tus = new Tus(org.teacher);
        String url = tus.start(id, file.length);

        AtomicBoolean stopped = new AtomicBoolean();
        ApiResponse cut = patchStream(url, 0, new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (pos >= PART + (1 << 20) && stopped.compareAndSet(false, true)) {
                    // Once the first part is durable, storage goes away with the rest of the body still to come.
                    awaitOffset(tus, url, PART);
                    server.stopStorage();
                }
                return super.read(b, off, Math.min(len, 64 * 1024));
            }
        });
        assertTrue(stopped.get());
        assertTrue(cut == null || cut.status() == 503, "refused as a storage outage, or cut off: " + cut);
        assertEquals(PART, tus.offset(url), "the offset is what storage holds, while it is away");
        assertEquals("uploading", org.teacher.get("/api/recordings/" + id).json().getString("status"));

        server.startStorage();
        long offset = tus.offset(url);
        assertEquals(PART, offset);
        ApiResponse rest = tus.patch(url, offset, java.util.Arrays.copyOfRange(file, (int) offset, file.length));
        assertEquals(204, rest.status(), rest.toString());
        assertEquals("ready", ProcessedMedia.awaitStatus(org.teacher, id, Set.of("ready", "failed"), Duration.ofMinutes(2))
                .getString("status"), "the stored source is byte for byte the file: its SHA-256 is checked before processing");
        assertEquals(0, server.store().listMultipartUploads(Recording.storagePrefix(UUID.fromString(id))).size(),
                "no multipart upload left open");
        assertEquals(0, server.objectsUnder(Recording.storagePrefix(UUID.fromString(id)) + "uploads/"), "no parked tail left");
        assertEquals(List.of(), Eventually.until(() -> org.unfinishedJobs(id), List::isEmpty), "no job left queued or running");
    }

    /** A PATCH whose body is read from {@code body} as the request goes; null when the server cut the connection. */
    private static ApiResponse patchStream(String url, long offset, InputStream body) {
        try {
            return org.teacher.send("PATCH", url, Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", Long.toString(offset),
                    "Content-Type", "application/offset+octet-stream"), HttpRequest.BodyPublishers.ofInputStream(() -> body));
        } catch (RuntimeException cutOff) {
            return null;
        }
    }

    private static void awaitOffset(Tus tus, String url, long offset) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tus.offset(url) < offset) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first part was never stored");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
