package org.lessonloop.upload;

import org.lessonloop.testing.Tus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * tus 1.0.0 behaviour of /api/uploads against the real server, PostgreSQL and S3 (the embedded one;
 * {@link TusProtocolOnContainersTest} runs the same tests on MinIO and a stock PostgreSQL).
 */
@RealServer(env = {"LESSONLOOP_UPLOAD_MAX_BYTES=64MiB", "LESSONLOOP_UPLOAD_QUOTA_BYTES=100MiB"})
class TusProtocolTest {
    private static final int MIB = 1024 * 1024;
    private static TestServer server;
    private static Organization org;
    private Tus tus;

    @BeforeEach
    void client() {
        tus = new Tus(org.teacher);
    }

    @Test
    void optionsAdvertisesVersionExtensionsAndLimits() {
        ApiResponse options = org.anonymous.send("OPTIONS", "/api/uploads", Map.of(), (byte[]) null);
        assertEquals(204, options.status());
        assertEquals("1.0.0", options.header("Tus-Version"));
        assertEquals("creation,creation-with-upload,termination,expiration,checksum", options.header("Tus-Extension"));
        assertEquals(Long.toString(64L * MIB), options.header("Tus-Max-Size"));
        assertTrue(options.header("Tus-Checksum-Algorithm").contains("sha1"));
    }

    @Test
    void anUploadInTwoRequestsEndsAsTheRecordingsByteIdenticalSource() throws IOException {
        String recording = org.recording("Two requests");
        byte[] content = Bytes.random(13 * MIB + 17, 1);
        String url = tus.start(recording, content.length);
        assertEquals("uploading", status(recording));

        ApiResponse first = tus.patch(url, 0, Bytes.slice(content, 0, 7 * MIB));
        assertEquals(204, first.status(), first.body());
        assertEquals(Long.toString(7L * MIB), first.header("Upload-Offset"));
        assertNotNull(first.header("Upload-Expires"));
        assertEquals(7L * MIB, tus.offset(url));

        ApiResponse last = tus.patch(url, 7L * MIB, Bytes.slice(content, 7 * MIB, content.length));
        assertEquals(204, last.status(), last.body());
        assertEquals(Long.toString(content.length), last.header("Upload-Offset"));

        JsonObject source = org.teacher.get("/api/recordings/" + recording).json().getJsonObject("source");
        assertUploadedOrTakenOn(recording);
        assertEquals(content.length, source.getLong("size"));
        assertEquals(Bytes.sha256(content), source.getString("sha256"));
        assertEquals(Bytes.sha256(content), storedSha256(recording));
        assertEquals(1, objectFilesUnder(recording), "only the source remains: no tail objects, no parts");
        assertEquals(content.length, tus.offset(url), "HEAD still answers after completion");
    }

    @Test
    void creationWithUploadTakesTheFirstChunkInThePost() throws IOException {
        String recording = org.recording("Creation with upload");
        byte[] content = Bytes.random(2 * MIB, 2);
        ApiResponse created = org.teacher.send("POST", "/api/uploads", Map.of(
                "Tus-Resumable", "1.0.0",
                "Upload-Length", Integer.toString(content.length),
                "Upload-Metadata", Tus.metadata(recording, "small.mp4"),
                "Content-Type", "application/offset+octet-stream"), content);
        assertEquals(201, created.status(), created.body());
        assertEquals(Integer.toString(content.length), created.header("Upload-Offset"));
        assertUploadedOrTakenOn(recording);
        assertEquals(Bytes.sha256(content), storedSha256(recording));
    }

    @Test
    void aWrongOffsetIsAConflictAndChangesNothing() {
        String url = tus.start(org.recording("Offsets"), 3 * MIB);
        assertEquals(204, tus.patch(url, 0, Bytes.random(MIB, 3)).status());
        ApiResponse wrong = tus.patch(url, 0, Bytes.random(MIB, 3));
        assertEquals(409, wrong.status());
        assertEquals("application/problem+json", wrong.contentType());
        assertEquals("1.0.0", wrong.header("Tus-Resumable"));
        assertEquals(MIB, tus.offset(url));
    }

    @Test
    void aBodyThatIsNotAnOffsetOctetStreamIsRefused() {
        String url = tus.start(org.recording("Content type"), MIB);
        ApiResponse response = tus.patch(url, 0, Bytes.random(1000, 4), Map.of("Content-Type", "application/json"));
        assertEquals(415, response.status());
        assertEquals(0, tus.offset(url));
    }

    @Test
    void aRequestWithoutTusResumableIsRefusedWithTheSupportedVersion() {
        ApiResponse response = org.teacher.send("POST", "/api/uploads", Map.of("Upload-Length", "10"), (byte[]) null);
        assertEquals(412, response.status());
        assertEquals("1.0.0", response.header("Tus-Version"));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeAnyByteIsTaken() {
        String recording = org.recording("Too big");
        ApiResponse response = tus.create(65L * MIB, Tus.metadata(recording, "big.mp4"));
        assertEquals(413, response.status());
        assertTrue(response.json().getString("detail").contains("64.0 MiB"), response.body());
        assertEquals("awaiting_upload", status(recording));
    }

    @Test
    void moreBytesThanDeclaredAreRefused() {
        String url = tus.start(org.recording("Overflow"), MIB);
        ApiResponse response = tus.patch(url, 0, Bytes.random(MIB + 1, 5));
        assertEquals(413, response.status());
        assertEquals(0, tus.offset(url));
    }

    @Test
    void anUploadPastTheTeachersQuotaIsRefused() {
        ApiClient teacher = org.otherTeacher;
        Tus other = new Tus(teacher);
        String first = teacher.postJson("/api/recordings", new JsonObject().put("title", "Quota 1")).json().getString("id");
        String second = teacher.postJson("/api/recordings", new JsonObject().put("title", "Quota 2")).json().getString("id");
        assertEquals(201, other.create(60L * MIB, Tus.metadata(first, "a.mp4")).status());
        ApiResponse overQuota = other.create(50L * MIB, Tus.metadata(second, "b.mp4"));
        assertEquals(413, overQuota.status());
        assertTrue(overQuota.json().getString("detail").contains("quota"), overQuota.body());
    }

    @Test
    void aTeacherHoldsAtMostTwentyUnfinishedUploadsSoEmptyOnesCannotReserveTheQuota() {
        String email = "many-uploads-" + java.util.UUID.randomUUID() + "@school.test";
        People.invitedAndActivated(org.admin, email, "Many Uploads", "teacher", "many uploads, one teacher");
        ApiClient teacher = new ApiClient(server.base()).signIn(email, "many uploads, one teacher");
        Tus theirs = new Tus(teacher);
        String firstUpload = null;
        for (int i = 0; i < 20; i++) {
            String recording = teacher.postJson("/api/recordings", new JsonObject().put("title", "Lesson " + i)).json().getString("id");
            ApiResponse created = theirs.create(MIB, Tus.metadata(recording, "lesson.mp4"));
            assertEquals(201, created.status(), created::toString);
            firstUpload = firstUpload == null ? created.header("Location") : firstUpload;
        }
        String oneMore = teacher.postJson("/api/recordings", new JsonObject().put("title", "One more")).json().getString("id");

        ApiResponse refused = theirs.create(MIB, Tus.metadata(oneMore, "lesson.mp4"));
        assertEquals(403, refused.status(), refused::toString);
        assertTrue(refused.json().getString("detail").contains("20 unfinished uploads"), refused.body());

        assertEquals(204, theirs.terminate(firstUpload).status());
        assertEquals(201, theirs.create(MIB, Tus.metadata(oneMore, "lesson.mp4")).status());
    }

    @Test
    void anEmptyFileIsRefusedWithAClearReason() {
        ApiResponse response = tus.create(0, Tus.metadata(org.recording("Empty"), "empty.mp4"));
        assertEquals(400, response.status());
        assertTrue(response.json().getString("detail").contains("empty"));
    }

    @Test
    void metadataWithoutARecordingIsRefused() {
        ApiResponse response = tus.create(100, "filename " + Tus.b64("x.mp4"));
        assertEquals(400, response.status());
    }

    @Test
    void aChecksumMismatchKeepsNothingOfTheRequestAndAMatchingOneIsAccepted() throws Exception {
        String url = tus.start(org.recording("Checksums"), 2 * MIB);
        byte[] chunk = Bytes.random(MIB, 6);
        String wrong = "sha1 " + Base64.getEncoder().encodeToString(Bytes.digest("SHA-1").digest(new byte[] {1}));
        ApiResponse mismatch = tus.patch(url, 0, chunk, Map.of("Upload-Checksum", wrong));
        assertEquals(460, mismatch.status());
        assertEquals(0, tus.offset(url));

        String right = "sha1 " + Base64.getEncoder().encodeToString(Bytes.digest("SHA-1").digest(chunk));
        ApiResponse accepted = tus.patch(url, 0, chunk, Map.of("Upload-Checksum", right));
        assertEquals(204, accepted.status(), accepted.body());
        assertEquals(MIB, tus.offset(url));
    }

    @Test
    void terminationFreesTheMultipartUploadAndTheParkedTail() throws IOException {
        String recording = org.recording("Terminated");
        String url = tus.start(recording, 20L * MIB);
        assertEquals(204, tus.patch(url, 0, Bytes.random(6 * MIB, 7)).status());
        assertEquals(1, server.store().listMultipartUploads("recordings/" + recording).size());
        assertEquals(1, objectFilesUnder(recording), "the 1 MiB after the first part is parked as a tail object");

        ApiResponse terminated = tus.terminate(url);
        assertEquals(204, terminated.status());
        assertEquals(0, server.store().listMultipartUploads("recordings/" + recording).size());
        assertEquals(0, objectFilesUnder(recording));
        assertEquals(404, tus.head(url).status());
        assertEquals("awaiting_upload", status(recording));
    }

    @Test
    void aDroppedConnectionKeepsTheBytesThatArrivedAndTheUploadResumesFromThem() throws Exception {
        String recording = org.recording("Dropped connection");
        byte[] content = Bytes.random(12 * MIB, 8);
        String url = tus.start(recording, content.length);
        int sent = 7 * MIB + 12345;
        patchThenDropConnection(url, content, sent);

        long offset = awaitLeaseRelease(url);
        // What the server had read when the connection broke is kept: at least the stored part and
        // its tail; bytes still in flight in socket buffers may be lost, never invented.
        assertTrue(offset >= 5L * MIB && offset <= sent, "kept " + offset + " of " + sent + " bytes sent");
        ApiResponse rest = patchWhenFree(url, offset, Bytes.slice(content, offset, content.length));
        assertEquals(204, rest.status(), rest.body());
        assertEquals(Bytes.sha256(content), storedSha256(recording));
        assertEquals(Bytes.sha256(content), org.teacher.get("/api/recordings/" + recording).json()
                .getJsonObject("source").getString("sha256"));
    }

    @Test
    void anUploadResumesAfterTheServerRestarts() throws IOException {
        String recording = org.recording("Server restart");
        byte[] content = Bytes.random(11 * MIB + 3, 9);
        String url = tus.start(recording, content.length);
        assertEquals(204, tus.patch(url, 0, Bytes.slice(content, 0, 6 * MIB)).status());

        server.restart();

        // Sessions live in PostgreSQL: the teacher's browser session survives the restart too.
        ApiClient teacher = org.teacher;
        Tus resumed = new Tus(teacher);
        assertEquals(6L * MIB, resumed.offset(url));
        ApiResponse rest = resumed.patch(url, 6L * MIB, Bytes.slice(content, 6 * MIB, content.length));
        assertEquals(204, rest.status(), rest.body());
        assertEquals(Bytes.sha256(content), teacher.get("/api/recordings/" + recording).json().getJsonObject("source").getString("sha256"));
        assertEquals(Bytes.sha256(content), storedSha256(recording));
    }

    @Test
    void theStoredFileNameIsALabelAndNeverAPath() {
        String recording = org.recording("Hostile name");
        byte[] content = Bytes.random(1000, 10);
        ApiResponse created = tus.create(content.length, Tus.metadata(recording, "../../../etc/passwd\n.mp4"));
        assertEquals(201, created.status());
        assertEquals(204, tus.patch(created.header("Location"), 0, content).status());
        JsonObject source = org.teacher.get("/api/recordings/" + recording).json().getJsonObject("source");
        assertEquals("passwd.mp4", source.getString("filename"));
        assertTrue(server.store().stat("recordings/" + recording + "/source").isPresent());
    }

    @Test
    void anExpiredUploadIsGoneWithAClearReason() {
        String url = tus.start(org.recording("Expired"), 2 * MIB);
        assertEquals(204, tus.patch(url, 0, Bytes.random(MIB, 12)).status());
        assertEquals(1, server.sqlUpdate("update uploads set expires_at = now() - interval '1 minute' where id = ?::uuid",
                url.substring(url.lastIndexOf('/') + 1)));
        ApiResponse head = tus.head(url);
        assertEquals(410, head.status());
        ApiResponse patch = tus.patch(url, MIB, Bytes.random(MIB, 13));
        assertEquals(410, patch.status());
        assertTrue(patch.json().getString("detail").contains("expired"), patch.body());
    }

    @Test
    void aChecksummedBodyLongerThanTheUploadIsRefusedWithoutSpoolingIt() throws IOException {
        String url = tus.start(org.recording("Checksum overflow"), MIB);
        // Chunked (no Content-Length), so only the server's own count can stop it. The server answers
        // 413 and closes the connection; the client may see the answer or only the closed connection.
        try {
            ApiResponse response = org.teacher.send("PATCH", url, Map.of(
                    "Tus-Resumable", "1.0.0",
                    "Upload-Offset", "0",
                    "Upload-Checksum", "sha1 " + Base64.getEncoder().encodeToString(new byte[20]),
                    "Content-Type", "application/offset+octet-stream"),
                    java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new SeekableRandomStream(1, 0, 64L * MIB)));
            assertEquals(413, response.status());
        } catch (java.io.UncheckedIOException closedByServer) {
            // Refused before the body was sent: what the server must do with an oversized body.
        }
        Path scratch = server.dataDir().resolve("scratch").resolve("uploads").resolve(url.substring(url.lastIndexOf('/') + 1));
        assertTrue(!Files.exists(scratch) || Files.list(scratch).findAny().isEmpty(), "nothing is left spooled");
        assertEquals(0, tus.offset(url));
    }

    @Test
    void aRecordingIsNotDeletedUnderARunningUploadButAfterIt() throws Exception {
        String recording = org.recording("Deleted while uploading");
        byte[] content = Bytes.random(8 * MIB, 14);
        String url = tus.start(recording, content.length);
        try (Socket socket = openPatch(url, content, 6 * MIB)) {
            awaitLeaseHeld(url);
            ApiResponse refused = org.teacher.delete("/api/recordings/" + recording);
            assertEquals(409, refused.status(), refused.body());
            assertEquals(200, org.teacher.get("/api/recordings/" + recording).status());
        }
        ApiResponse deleted = deleteWhenFree(recording);
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals(0, objectFilesUnder(recording));
        assertEquals(0, server.store().listMultipartUploads("recordings/" + recording).size());
    }

    @Test
    void anotherTeacherCannotSeeOrWriteMyUpload() {
        String url = tus.start(org.recording("Mine"), MIB);
        Tus stranger = new Tus(org.otherTeacher);
        assertEquals(404, stranger.head(url).status());
        assertEquals(404, stranger.patch(url, 0, Bytes.random(100, 11)).status());
        assertEquals(404, stranger.terminate(url).status());
        assertEquals(0, tus.offset(url));
    }

    /** The upload made the recording uploaded; a worker may already have taken it on (random bytes then fail the probe). */
    private void assertUploadedOrTakenOn(String recording) {
        String status = status(recording);
        assertTrue(Set.of("uploaded", "processing", "failed").contains(status), status);
    }

    private String status(String recording) {
        return org.teacher.get("/api/recordings/" + recording).json().getString("status");
    }

    private String storedSha256(String recording) throws IOException {
        return Bytes.sha256(server.store().get("recordings/" + recording + "/source"));
    }

    private long objectFilesUnder(String recording) {
        return server.objectsUnder("recordings/" + recording + "/");
    }

    /** Sends a PATCH declaring the whole file, writes {@code sent} bytes, then cuts the connection. */
    private void patchThenDropConnection(String url, byte[] content, int sent) throws IOException {
        openPatch(url, content, sent).close();
    }

    /** A PATCH declaring the whole file of which only {@code sent} bytes are written: still running. */
    private Socket openPatch(String url, byte[] content, int sent) throws IOException {
        Socket socket = new Socket(server.base().getHost(), server.base().getPort());
        try {
            OutputStream out = socket.getOutputStream();
            String head = "PATCH " + url + " HTTP/1.1\r\n"
                    + "Host: " + server.base().getAuthority() + "\r\n"
                    + "Cookie: " + org.teacher.cookieHeader() + "\r\n"
                    + "X-CSRF-Token: " + org.teacher.csrfToken() + "\r\n"
                    + "Tus-Resumable: 1.0.0\r\n"
                    + "Upload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\n"
                    + "Content-Length: " + content.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, sent);
            out.flush();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Waits until the server has started storing the open PATCH (its first part is durable). */
    private void awaitLeaseHeld(String url) throws InterruptedException {
        for (int i = 0; i < 100 && tus.offset(url) == 0; i++) {
            Thread.sleep(100);
        }
    }

    private ApiResponse deleteWhenFree(String recording) throws InterruptedException {
        ApiResponse response = org.teacher.delete("/api/recordings/" + recording);
        for (int i = 0; i < 50 && response.status() == 409; i++) {
            Thread.sleep(200);
            response = org.teacher.delete("/api/recordings/" + recording);
        }
        return response;
    }

    /** The broken request keeps its lease until it has stored what arrived; wait for that. */
    /**
     * The offset once the dropped request has finished with the upload (its lease released): a
     * HEAD answered sooner, on another event loop, may show what was stored before the tail was kept.
     */
    private long awaitLeaseRelease(String url) throws InterruptedException {
        String uploadId = url.substring(url.lastIndexOf('/') + 1);
        for (int i = 0; i < 100; i++) {
            boolean free = server.sqlUpdate("UPDATE uploads SET lease_owner = NULL WHERE id = ?::uuid AND lease_owner IS NULL",
                    uploadId) == 1;
            // Read after the lease is seen free; offset 0 is a request not yet begun, not one that is over.
            long offset = tus.offset(url);
            if (free && offset > 0) {
                return offset;
            }
            Thread.sleep(100);
        }
        return tus.offset(url);
    }

    /** A retry right after a drop may find the old request still finishing: 423, as tus-js-client retries. */
    private ApiResponse patchWhenFree(String url, long offset, byte[] body) throws InterruptedException {
        ApiResponse response = tus.patch(url, offset, body);
        for (int i = 0; i < 50 && response.status() == 423; i++) {
            Thread.sleep(200);
            response = tus.patch(url, offset, body);
        }
        return response;
    }
}
