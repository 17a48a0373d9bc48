package org.lessonloop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.media.TestMedia;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * A rolling restart as an orchestrator does it: SIGTERM to the old process, a new one started on the
 * same database and storage. The old one stops within its grace, cuts nothing it could keep, hands its
 * running job back, and the new one carries on: the upload resumes, the job finishes.
 */
class GracefulShutdownTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void anUploadCutByARollingRestartResumesOnTheNextProcess() throws Exception {
        Path dataDir = Files.createTempDirectory("lessonloop-rolling-upload");
        byte[] file = new byte[12 * MIB];
        new Random(7).nextBytes(file);
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir); ObjectStore store = ObjectStore.connect(s3.settings())) {
            Map<String, String> env = nodeEnvironment(dataDir, TestDatabase.fresh(), s3);
            String id;
            String uploadUrl;
            Organization org;
            ServerProcess old = new ServerProcess(env, "256m");
            String oldLog;
            CountDownLatch stalled = new CountDownLatch(1);
            try {
                org = Organization.at(URI.create("http://127.0.0.1:" + old.port()));
                id = org.recording("Rolling restart upload");
                uploadUrl = new Tus(org.teacher).start(id, file.length);
                // 7 MiB, then the client goes quiet mid-request, as a slow school uplink does.
                Thread.ofVirtual().start(() -> patchThenStall(org, uploadUrl, file, 7 * MIB, stalled));
                stalled.await();
                Thread.sleep(500); // the bytes sent are on their way through the server
            } finally {
                long stopping = System.nanoTime();
                old.close();
                Duration took = Duration.ofNanos(System.nanoTime() - stopping);
                oldLog = old.log();
                assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "the stop took " + took + ":\n" + oldLog);
            }

            try (ServerProcess next = new ServerProcess(env, "256m")) {
                var tus = new Tus(Organization.signedInAt(URI.create("http://127.0.0.1:" + next.port())).teacher);
                long offset = tus.offset(uploadUrl);
                assertTrue(offset >= 5 * MIB && offset <= 7 * MIB, "kept at most the part in progress less: " + offset + "\n" + oldLog);
                ApiResponse rest = tus.patch(uploadUrl, offset, java.util.Arrays.copyOfRange(file, (int) offset, file.length));
                assertEquals(204, rest.status(), rest::toString);
                assertEquals(file.length, tus.offset(uploadUrl));
            }
            String key = store.list("recordings/" + id + "/").getFirst();
            try (InputStream stored = store.get(key)) {
                assertArrayEquals(sha256(file), MessageDigest.getInstance("SHA-256").digest(stored.readAllBytes()));
            }
        }
    }

    @Test
    void aRunningJobIsHandedBackOnSigtermAndTheNextProcessFinishesIt() throws Exception {
        Path dataDir = Files.createTempDirectory("lessonloop-rolling-job");
        DatabaseSettings db = TestDatabase.fresh();
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir)) {
            Map<String, String> env = nodeEnvironment(dataDir, db, s3);
            // A lease far longer than the test: only a hand-back can free the job in time.
            env.put("LESSONLOOP_JOB_LEASE_SECONDS", "3600");
            Organization org;
            String id;
            String oldLog;
            try (ServerProcess old = new ServerProcess(env, "256m")) {
                org = Organization.at(URI.create("http://127.0.0.1:" + old.port()));
                id = org.recording("Rolling restart transcode");
                new Tus(org.teacher).upload(id, TestMedia.mpeg4Mp3(40, 1280, 720));
                awaitStep(org, id, "transcoding");
                old.close();
                oldLog = old.log();
            }
            assertEquals("queued", jobState(db), () -> "handed back, not left under its lease:\n" + oldLog);
            assertTrue(oldLog.contains("handed back to the queue"), oldLog);

            try (ServerProcess next = new ServerProcess(env, "256m")) {
                awaitStep(org, id, null);
                JsonObject recording = org.teacher.get("/api/recordings/" + id).json();
                assertEquals("ready", recording.getString("status"), recording.encode());
            }
        }
    }

    private static Map<String, String> nodeEnvironment(Path dataDir, DatabaseSettings db, EmbeddedS3 s3) throws IOException {
        Map<String, String> env = TestServer.environment(dataDir, db, s3.settings());
        env.put("LESSONLOOP_UPLOAD_PART_BYTES", "5MiB");
        env.put("LESSONLOOP_SHUTDOWN_GRACE_SECONDS", "2");
        // The same port for both lives, as a restarted container has: the teacher's client knows only that address.
        try (var socket = new java.net.ServerSocket(0)) {
            env.put("LESSONLOOP_HTTP_PORT", Integer.toString(socket.getLocalPort()));
        }
        return env;
    }

    /** PATCHes the first {@code sent} bytes, then holds the request open until the server drops it. */
    private static void patchThenStall(Organization org, String url, byte[] file, int sent, CountDownLatch stalled) {
        InputStream body = new InputStream() {
            private int position;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position == sent) {
                    stalled.countDown();
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException e) {
                        return -1;
                    }
                }
                int n = Math.min(length, sent - position);
                System.arraycopy(file, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
        HttpRequest request = HttpRequest.newBuilder(org.teacher.base().resolve(url))
                .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), file.length))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .header("Cookie", org.teacher.cookieHeader())
                .header("X-CSRF-Token", org.teacher.csrfToken())
                .build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            // The server dropped the stalled request at the end of its grace: expected.
        }
    }

    /** Waits for the recording to reach {@code step} of processing (null: to leave processing). */
    private static void awaitStep(Organization org, String id, String step) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonObject recording = null;
        while (System.nanoTime() < deadline) {
            recording = org.teacher.get("/api/recordings/" + id).json();
            boolean processing = "processing".equals(recording.getString("status")) || "uploaded".equals(recording.getString("status"));
            JsonObject media = recording.getJsonObject("media", new JsonObject());
            if (step == null ? !processing : step.equals(media.getString("step")) && media.getInteger("progress", 0) >= 5) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never reached " + step + ": " + recording);
    }

    private static String jobState(DatabaseSettings db) throws Exception {
        try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             var query = connection.prepareStatement("SELECT state, lease_owner FROM jobs WHERE kind = 'media.process'");
             ResultSet row = query.executeQuery()) {
            assertTrue(row.next(), "no media job");
            return row.getString("lease_owner") == null ? row.getString("state") : row.getString("state") + " under " + row.getString("lease_owner");
        }
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
