package org.lessonloop.upload;

import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.Tus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.People;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;

/**
 * A multi-gigabyte upload, generated on the fly, through a server held to a small heap, which is
 * killed with SIGKILL halfway and restarted: the upload resumes and the stored object is
 * byte-identical. Size: -Dlessonloop.largeUpload.bytes (default 2 GiB).
 */
class LargeUploadTest {
    private static final long SIZE = Long.getLong("lessonloop.largeUpload.bytes", 2L << 30);
    private static final String HEAP = "128m";
    private static final long SEED = 42;

    @Test
    void aTwoGigabyteUploadSurvivesAServerKilledMidStreamWithASmallHeap() throws Exception {
        Path dataDir = Files.createTempDirectory("lessonloop-large");
        DatabaseSettings db = TestDatabase.fresh();
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir); ObjectStore store = ObjectStore.connect(s3.settings())) {
            Map<String, String> env = TestServer.environment(dataDir, db, s3.settings());
            env.put("LESSONLOOP_HTTP_PORT", Integer.toString(freePort()));

            String uploadUrl;
            String recordingId;
            ApiClient teacher;
            try (ServerProcess first = new ServerProcess(env, HEAP)) {
                teacher = teacherOn(first.port());
                recordingId = teacher.postJson("/api/recordings", new JsonObject().put("title", "Whole-day lesson")).json().getString("id");
                uploadUrl = new Tus(teacher).start(recordingId, SIZE);
                // Kill the server once about half the file is durable in storage.
                Tus watcher = new Tus(teacher);
                String url = uploadUrl;
                Thread killer = Thread.ofVirtual().start(() -> killWhenHalfway(first, watcher, url));
                try {
                    patch(teacher, uploadUrl, 0);
                } catch (IOException expected) {
                    // The server died under the request, as planned.
                }
                killer.join();
            }

            try (ServerProcess second = new ServerProcess(env, HEAP)) {
                long offset = new Tus(teacher).offset(uploadUrl);
                assertTrue(offset > 0 && offset < SIZE, "resumes from what was durable, not from zero: " + offset);
                assertEquals(204, patch(teacher, uploadUrl, offset), second.log());

                JsonObject source = teacher.get("/api/recordings/" + recordingId).json().getJsonObject("source");
                String expected = Bytes.sha256(new SeekableRandomStream(SEED, 0, SIZE));
                assertEquals(SIZE, source.getLong("size"));
                assertEquals(expected, source.getString("sha256"));
                try (InputStream stored = store.get("recordings/" + recordingId + "/source")) {
                    assertEquals(expected, Bytes.sha256(stored), "the object in storage is byte-identical");
                }
            }
        }
    }

    /** The restarted server comes back on the same port, as a real one would. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ApiClient teacherOn(int port) {
        ApiClient admin = new ApiClient(URI.create("http://127.0.0.1:" + port)).signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        People.invitedAndActivated(admin, "t@school.test", "T", "teacher", "teacher-password-1");
        return new ApiClient(admin.base()).signIn("t@school.test", "teacher-password-1");
    }

    /**
     * Streams the rest of the file from {@code offset} in one PATCH and returns the status.
     * HttpURLConnection, because java.net.http's client can hang when the server dies mid-body.
     */
    private static int patch(ApiClient client, String url, long offset) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) client.base().resolve(url).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("X-HTTP-Method-Override", "PATCH");
        connection.setRequestProperty("Cookie", client.cookieHeader());
        connection.setRequestProperty("X-CSRF-Token", client.csrfToken());
        connection.setRequestProperty("Tus-Resumable", "1.0.0");
        connection.setRequestProperty("Upload-Offset", Long.toString(offset));
        connection.setRequestProperty("Content-Type", "application/offset+octet-stream");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(SIZE - offset);
        try (OutputStream out = connection.getOutputStream();
             InputStream in = new SeekableRandomStream(SEED, offset, SIZE)) {
            in.transferTo(out);
        }
        return connection.getResponseCode();
    }

    /** Asks the server for the durable offset and kills it once half the file is stored. */
    private static void killWhenHalfway(ServerProcess server, Tus tus, String url) {
        try {
            while (tus.offset(url) < SIZE / 2) {
                Thread.sleep(200);
            }
            server.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
