package org.lessonloop.recordings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/** The recordings API: create, list, read, edit and delete, and every kind of bad input refused with nothing written. */
@RealServer
class RecordingsApiTest {
    private static TestServer server;
    private static Organization org;
    private static ApiClient teacher;

    @BeforeAll
    static void start() {
        teacher = org.teacher;
    }

    @Test
    void creatingARecordingAnswers201AwaitingUpload() {
        ApiResponse created = teacher.postJson("/api/recordings", new JsonObject()
                .put("title", "Fractions, period 3").put("lessonDate", "2026-10-05").put("subject", "Maths").put("grade", "Year 7"));

        assertEquals(201, created.status(), created::toString);
        JsonObject r = created.json();
        assertNotNull(UUID.fromString(r.getString("id")));
        assertEquals(org.teacherId, r.getString("ownerId"));
        assertEquals("Tia Teacher", r.getString("ownerName"));
        assertEquals(null, r.getValue("upload"));
        assertEquals("Fractions, period 3", r.getString("title"));
        assertEquals("2026-10-05", r.getString("lessonDate"));
        assertEquals("Maths", r.getString("subject"));
        assertEquals("Year 7", r.getString("grade"));
        assertEquals("awaiting_upload", r.getString("status"));
        assertEquals("owner", r.getString("access"));
        assertEquals(null, r.getValue("source"));
    }

    @Test
    void aRecordingNeedsOnlyATitle() {
        ApiResponse created = teacher.postJson("/api/recordings", new JsonObject().put("title", "Just a title"));

        assertEquals(201, created.status(), created::toString);
        assertEquals(null, created.json().getValue("lessonDate"));
        assertEquals(null, created.json().getValue("subject"));
        assertEquals(null, created.json().getValue("grade"));
    }

    @Test
    void theListShowsTheNewRecordingAndGetReturnsIt() {
        String id = create(new JsonObject().put("title", "Listed lesson").put("subject", "Science"));

        JsonObject listed = find(teacher.get("/api/recordings").array(), id);
        ApiResponse read = teacher.get("/api/recordings/" + id);

        assertEquals("Listed lesson", listed.getString("title"));
        assertEquals(200, read.status(), read::toString);
        assertEquals("Listed lesson", read.json().getString("title"));
        assertEquals("Science", read.json().getString("subject"));
    }

    @Test
    void aCoachSeesWhoseLessonASharedRecordingIs() {
        String id = org.sharedRecording();

        JsonObject listed = find(org.sharedCoach.get("/api/recordings").array(), id);
        JsonObject read = org.sharedCoach.get("/api/recordings/" + id).json();

        assertEquals(org.teacherId, listed.getString("ownerId"));
        assertEquals("Tia Teacher", listed.getString("ownerName"));
        assertEquals("Tia Teacher", read.getString("ownerName"));
        assertEquals("comment", read.getString("access"));
    }

    @Test
    void anUnfinishedUploadShowsHowManyBytesTheServerHolds() {
        String id = create(full("Half sent"));
        assertEquals(null, find(teacher.get("/api/recordings").array(), id).getValue("upload"), "no upload yet");
        Tus tus = new Tus(teacher);
        String url = tus.start(id, 1000);
        assertEquals(204, tus.patch(url, 0, new byte[400]).status());

        JsonObject listed = find(teacher.get("/api/recordings").array(), id);
        JsonObject read = teacher.get("/api/recordings/" + id).json();

        assertEquals("uploading", listed.getString("status"));
        assertEquals(new JsonObject().put("offset", 400).put("length", 1000), listed.getJsonObject("upload"));
        assertEquals(listed.getJsonObject("upload"), read.getJsonObject("upload"));
    }

    @Test
    void anAdminCannotCreateARecording() {
        assertProblem(org.admin.postJson("/api/recordings", new JsonObject().put("title", "Admin lesson")), 403);
    }

    @Test
    void patchingLeavesAbsentFieldsUnchanged() {
        String id = create(full("Before"));

        ApiResponse patched = teacher.patchJson("/api/recordings/" + id, new JsonObject().put("subject", "History"));

        assertEquals(200, patched.status(), patched::toString);
        JsonObject r = teacher.get("/api/recordings/" + id).json();
        assertEquals("Before", r.getString("title"));
        assertEquals("2026-09-01", r.getString("lessonDate"));
        assertEquals("History", r.getString("subject"));
        assertEquals("Year 9", r.getString("grade"));
    }

    @Test
    void patchingANullClearsAnOptionalField() {
        String id = create(full("Clear me"));

        ApiResponse patched = teacher.patchJson("/api/recordings/" + id,
                new JsonObject().putNull("lessonDate").putNull("subject").putNull("grade"));

        assertEquals(200, patched.status(), patched::toString);
        JsonObject r = teacher.get("/api/recordings/" + id).json();
        assertEquals("Clear me", r.getString("title"));
        assertEquals(null, r.getValue("lessonDate"));
        assertEquals(null, r.getValue("subject"));
        assertEquals(null, r.getValue("grade"));
    }

    @Test
    void patchingTheTitleChangesIt() {
        String id = create(full("Old title"));

        ApiResponse patched = teacher.patchJson("/api/recordings/" + id, new JsonObject().put("title", "New title"));

        assertEquals(200, patched.status(), patched::toString);
        assertEquals("New title", patched.json().getString("title"));
        assertEquals("New title", teacher.get("/api/recordings/" + id).json().getString("title"));
    }

    @Test
    void theTitleCannotBeCleared() {
        String id = create(full("Keep me"));

        assertProblem(teacher.patchJson("/api/recordings/" + id, new JsonObject().putNull("title")), 400, "title");
        assertProblem(teacher.patchJson("/api/recordings/" + id, new JsonObject().put("title", "   ")), 400, "title");

        assertEquals("Keep me", teacher.get("/api/recordings/" + id).json().getString("title"));
    }

    @Test
    void aBadPatchChangesNothing() {
        String id = create(full("Untouched"));

        ApiResponse patched = teacher.patchJson("/api/recordings/" + id,
                new JsonObject().put("subject", "Changed?").put("lessonDate", "not a date"));

        assertProblem(patched, 400, "lessonDate");
        JsonObject r = teacher.get("/api/recordings/" + id).json();
        assertEquals("Maths", r.getString("subject"));
        assertEquals("2026-09-01", r.getString("lessonDate"));
    }

    // --- bad input: each a 4xx problem+json, and no recording written ---------------------

    @Test
    void malformedJsonIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.sendRaw("POST", "/api/recordings", "application/json", "{\"title\": \"Broken"),
                400, "JSON");
    }

    @Test
    void aJsonArrayInsteadOfAnObjectIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.sendRaw("POST", "/api/recordings", "application/json", "[\"title\"]"),
                400, "JSON object");
    }

    @Test
    void anEmptyBodyIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.sendRaw("POST", "/api/recordings", "application/json", ""), 400);
    }

    @Test
    void anUnknownFieldIs400NamingItAndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings",
                new JsonObject().put("title", "Lesson").put("ownerId", org.otherTeacher.get("/api/me").json().getString("id"))),
                400, "ownerId");
    }

    @Test
    void aMissingTitleIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings", new JsonObject().put("subject", "Maths")),
                400, "'title' is required");
    }

    @Test
    void aTitleOfTheWrongTypeIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings", new JsonObject().put("title", 5)),
                400, "'title' must be a string");
    }

    @Test
    void aDateOfTheWrongTypeIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings",
                new JsonObject().put("title", "Lesson").put("lessonDate", 20261005)), 400, "lessonDate");
    }

    @Test
    void aBadDateIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings",
                new JsonObject().put("title", "Lesson").put("lessonDate", "2026-02-30")), 400, "YYYY-MM-DD");
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings",
                new JsonObject().put("title", "Lesson").put("lessonDate", "5 Oct 2026")), 400, "lessonDate");
    }

    @Test
    void anOverlongTitleIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings", new JsonObject().put("title", "x".repeat(201))),
                400, "longer than 200");
    }

    @Test
    void aTitleWithControlCharactersIs400AndWritesNothing() {
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings", new JsonObject().put("title", "Bell\u0007 lesson")),
                400, "control characters");
        assertRefusedAndNothingWritten(() -> teacher.postJson("/api/recordings", new JsonObject().put("title", "Null\u0000 lesson")),
                400, "control characters");
    }

    @Test
    void aBodyOver64KiBIs413AndWritesNothing() {
        String huge = new JsonObject().put("title", "x".repeat(70 * 1024)).encode();

        assertRefusedAndNothingWritten(() -> teacher.sendRaw("POST", "/api/recordings", "application/json", huge), 413);
    }

    @Test
    void aWrongContentTypeIs415AndWritesNothing() {
        String body = new JsonObject().put("title", "Form post").encode();

        assertRefusedAndNothingWritten(() -> teacher.sendRaw("POST", "/api/recordings", "text/plain", body), 415, "application/json");
        assertRefusedAndNothingWritten(() -> teacher.sendRaw("POST", "/api/recordings", null, body), 415, "application/json");
    }

    @Test
    void aNonUuidIdInThePathIs404() {
        assertProblem(teacher.get("/api/recordings/not-a-uuid"), 404, "no such recording");
        assertProblem(teacher.patchJson("/api/recordings/12345", new JsonObject().put("title", "x")), 404);
        assertProblem(teacher.delete("/api/recordings/..%2F..%2Fetc"), 404);
    }

    @Test
    void anUnknownIdIs404() {
        assertProblem(teacher.get("/api/recordings/" + UUID.randomUUID()), 404, "no such recording");
    }

    // --- deletion ---------------------------------------------------------------------------

    @Test
    void deletingARecordingRemovesItAndItsStoredObjects() {
        String id = create(full("To be deleted"));
        String[] keys = {"recordings/" + id + "/source", "recordings/" + id + "/hls/720p/segment-0001.m4s"};
        for (String key : keys) {
            byte[] bytes = ("bytes of " + key).getBytes(StandardCharsets.UTF_8);
            server.store().put(key, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");
            assertTrue(server.store().stat(key).isPresent());
        }

        ApiResponse deleted = teacher.delete("/api/recordings/" + id);

        assertEquals(204, deleted.status(), deleted::toString);
        assertProblem(teacher.get("/api/recordings/" + id), 404);
        assertTrue(teacher.get("/api/recordings").array().stream().noneMatch(r -> ((JsonObject) r).getString("id").equals(id)));
        for (String key : keys) {
            assertTrue(server.store().stat(key).isEmpty(), key + " is still stored");
        }
    }

    @Test
    void deletingARecordingLeavesOtherRecordingsObjectsAlone() {
        String doomed = create(full("Doomed"));
        String kept = create(full("Kept"));
        String keptKey = "recordings/" + kept + "/source";
        byte[] bytes = "kept".getBytes(StandardCharsets.UTF_8);
        server.store().put(keptKey, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");

        assertEquals(204, teacher.delete("/api/recordings/" + doomed).status());

        assertTrue(server.store().stat(keptKey).isPresent());
        assertEquals(200, teacher.get("/api/recordings/" + kept).status());
    }

    @Test
    void deletingTwiceIs404TheSecondTime() {
        String id = create(full("Once"));

        assertEquals(204, teacher.delete("/api/recordings/" + id).status());

        assertProblem(teacher.delete("/api/recordings/" + id), 404);
    }

    // --- helpers ---------------------------------------------------------------------------

    private static JsonObject full(String title) {
        return new JsonObject().put("title", title).put("lessonDate", "2026-09-01").put("subject", "Maths").put("grade", "Year 9");
    }

    private static String create(JsonObject body) {
        ApiResponse created = teacher.postJson("/api/recordings", body);
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    private static JsonObject find(JsonArray list, String id) {
        return list.stream().map(JsonObject.class::cast).filter(r -> r.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + list.encode()));
    }

    private static void assertRefusedAndNothingWritten(java.util.function.Supplier<ApiResponse> request, int status) {
        assertRefusedAndNothingWritten(request, status, null);
    }

    private static void assertRefusedAndNothingWritten(java.util.function.Supplier<ApiResponse> request, int status, String detail) {
        JsonArray before = teacher.get("/api/recordings").array();

        ApiResponse response = request.get();

        if (detail == null) {
            assertProblem(response, status);
        } else {
            assertProblem(response, status, detail);
        }
        assertEquals(before, teacher.get("/api/recordings").array(), "a refused request wrote something");
    }
}
