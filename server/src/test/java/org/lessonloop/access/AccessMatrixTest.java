package org.lessonloop.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.LiveClient;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * Every route that touches a recording, for every kind of caller (DESIGN.md §5): the owner may do
 * everything; a shared coach may read but not manage; a stranger, another teacher and the admin
 * learn nothing (404, the same answer as for an id that does not exist); anonymous callers get 401.
 */
// Every upload row's caller starts a fresh upload and leaves it unfinished: far more than a teacher may hold.
@RealServer(env = "LESSONLOOP_UPLOAD_MAX_UNFINISHED=10000")
class AccessMatrixTest {
    private static final String TITLE = "Fractions, period 3";
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private static TestServer server;
    private static Organization org;
    private static ApiClient viewCoach;
    private static String viewCoachId;
    /** Whom the SHARE row shares with: not the unshared coach, who must stay without any share of the teacher's. */
    private static String shareeId;

    @BeforeAll
    static void start() {
        viewCoachId = createUser("view.coach@school.test", "coach");
        viewCoach = signIn("view.coach@school.test");
        shareeId = createUser("sharee.coach@school.test", "coach");
    }

    enum Actor {
        OWNER("owner teacher"),
        COMMENT_COACH("coach shared with to comment"),
        VIEW_COACH("coach shared with to view"),
        UNSHARED_COACH("coach without a share"),
        OTHER_TEACHER("another teacher"),
        ADMIN("admin"),
        ANONYMOUS("anonymous caller");

        private final String label;

        Actor(String label) {
            this.label = label;
        }

        ApiClient client() {
            return switch (this) {
                case OWNER -> org.teacher;
                case COMMENT_COACH -> org.sharedCoach;
                case VIEW_COACH -> viewCoach;
                case UNSHARED_COACH -> org.unsharedCoach;
                case OTHER_TEACHER -> org.otherTeacher;
                case ADMIN -> org.admin;
                case ANONYMOUS -> org.anonymous;
            };
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * The ids one request works on: a fresh recording (shared to comment and to view); for tus, an
     * upload; for review, the owner's comment, clip, goal and playlist.
     */
    record Target(String recordingId, String uploadId, Review review) {
        static Target nonexistent() {
            return new Target(UUID.randomUUID().toString(), UUID.randomUUID().toString(), new Review(UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()));
        }
    }

    record Review(String commentId, String clipId, String goalId, String playlistId) {
    }

    /** What a row needs besides its recording. */
    enum Needs {
        NOTHING, UPLOAD, REVIEW
    }

    enum Operation {
        READ_RECORDING("GET /api/recordings/{id}", Needs.NOTHING,
                (t, c) -> c.get("/api/recordings/" + t.recordingId())),
        EDIT_RECORDING("PATCH /api/recordings/{id}", Needs.NOTHING,
                (t, c) -> c.patchJson("/api/recordings/" + t.recordingId(), new JsonObject().put("title", "Renamed"))),
        DELETE_RECORDING("DELETE /api/recordings/{id}", Needs.NOTHING,
                (t, c) -> c.delete("/api/recordings/" + t.recordingId())),
        LIST_SHARES("GET /api/recordings/{id}/shares", Needs.NOTHING,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/shares")),
        SHARE("POST /api/recordings/{id}/shares", Needs.NOTHING,
                (t, c) -> c.postJson("/api/recordings/" + t.recordingId() + "/shares",
                        new JsonObject().put("userId", shareeId).put("permission", "comment"))),
        REVOKE_SHARE("DELETE /api/recordings/{id}/shares/{userId}", Needs.NOTHING,
                (t, c) -> c.delete("/api/recordings/" + t.recordingId() + "/shares/" + viewCoachId)),
        CHANGE_SHARE("PATCH /api/recordings/{id}/shares/{userId}", Needs.NOTHING,
                (t, c) -> c.patchJson("/api/recordings/" + t.recordingId() + "/shares/" + viewCoachId,
                        new JsonObject().put("expiresAt", java.time.Instant.now().plusSeconds(86_400).toString()))),
        READ_AUDIT("GET /api/recordings/{id}/audit", Needs.NOTHING,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/audit")),
        READ_WATCH_HISTORY("GET /api/recordings/{id}/watch-history", Needs.NOTHING,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/watch-history")),
        REPORT_PLAYBACK("PUT /api/recordings/{id}/playback/{sessionId}", Needs.NOTHING,
                (t, c) -> c.sendRaw("PUT", "/api/recordings/" + t.recordingId() + "/playback/" + UUID.randomUUID(), "application/json",
                        new JsonObject().put("watchedMs", 0).put("ranges", new io.vertx.core.json.JsonArray()).encode())),
        CREATE_UPLOAD("tus POST /api/uploads", Needs.NOTHING,
                (t, c) -> c.send("POST", "/api/uploads", Map.of(
                        "Tus-Resumable", "1.0.0",
                        "Upload-Length", "100",
                        "Upload-Metadata", uploadMetadata(t.recordingId())), (byte[]) null)),
        QUERY_UPLOAD_OFFSET("tus HEAD /api/uploads/{id}", Needs.UPLOAD,
                (t, c) -> c.send("HEAD", "/api/uploads/" + t.uploadId(), Map.of("Tus-Resumable", "1.0.0"), (byte[]) null)),
        APPEND_TO_UPLOAD("tus PATCH /api/uploads/{id}", Needs.UPLOAD,
                (t, c) -> c.send("PATCH", "/api/uploads/" + t.uploadId(), Map.of(
                        "Tus-Resumable", "1.0.0",
                        "Content-Type", "application/offset+octet-stream",
                        "Upload-Offset", "0"), "0123456789".getBytes(StandardCharsets.US_ASCII))),
        TERMINATE_UPLOAD("tus DELETE /api/uploads/{id}", Needs.UPLOAD,
                (t, c) -> c.send("DELETE", "/api/uploads/" + t.uploadId(), Map.of("Tus-Resumable", "1.0.0"), (byte[]) null)),
        READ_MEDIA_PLAYLIST("GET /api/recordings/{id}/media/master.m3u8", Needs.NOTHING,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/media/master.m3u8")),
        READ_MEDIA_FILE("GET /api/recordings/{id}/media/{rest}", Needs.NOTHING,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/media/v360/seg_00001.m4s")),
        READ_TIMELINE("GET /api/recordings/{id}/timeline", Needs.REVIEW,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/timeline")),
        EXPORT_CSV("GET /api/recordings/{id}/comments.csv", Needs.REVIEW,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/comments.csv")),
        EXPORT_VTT("GET /api/recordings/{id}/comments.vtt", Needs.REVIEW,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/comments.vtt")),
        PRINT_SUMMARY("GET /api/recordings/{id}/summary.html", Needs.REVIEW,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/summary.html")),
        COMMENT("POST /api/recordings/{id}/comments", Needs.REVIEW,
                (t, c) -> c.postJson("/api/recordings/" + t.recordingId() + "/comments", new JsonObject().put("startMs", 0).put("body", "New"))),
        EDIT_COMMENT("PATCH /api/comments/{id}", Needs.REVIEW,
                (t, c) -> c.patchJson("/api/comments/" + t.review().commentId(), new JsonObject().put("body", "Changed"))),
        REPLY("POST /api/comments/{id}/replies", Needs.REVIEW,
                (t, c) -> c.postJson("/api/comments/" + t.review().commentId() + "/replies", new JsonObject().put("body", "Reply"))),
        DELETE_COMMENT("DELETE /api/comments/{id}", Needs.REVIEW,
                (t, c) -> c.delete("/api/comments/" + t.review().commentId())),
        LIST_CLIPS("GET /api/recordings/{id}/clips", Needs.REVIEW,
                (t, c) -> c.get("/api/recordings/" + t.recordingId() + "/clips")),
        CUT_CLIP("POST /api/recordings/{id}/clips", Needs.REVIEW,
                (t, c) -> c.postJson("/api/recordings/" + t.recordingId() + "/clips",
                        new JsonObject().put("title", "New").put("startMs", 0).put("endMs", 1_000))),
        READ_CLIP("GET /api/clips/{id}", Needs.REVIEW,
                (t, c) -> c.get("/api/clips/" + t.review().clipId())),
        EDIT_CLIP("PATCH /api/clips/{id}", Needs.REVIEW,
                (t, c) -> c.patchJson("/api/clips/" + t.review().clipId(), new JsonObject().put("title", "Changed"))),
        DELETE_CLIP("DELETE /api/clips/{id}", Needs.REVIEW,
                (t, c) -> c.delete("/api/clips/" + t.review().clipId())),
        READ_GOAL("GET /api/goals/{id}", Needs.REVIEW,
                (t, c) -> c.get("/api/goals/" + t.review().goalId())),
        EDIT_GOAL("PATCH /api/goals/{id}", Needs.REVIEW,
                (t, c) -> c.patchJson("/api/goals/" + t.review().goalId(), new JsonObject().put("statement", "Changed"))),
        MEASURE_GOAL("POST /api/goals/{id}/measurements", Needs.REVIEW,
                (t, c) -> c.postJson("/api/goals/" + t.review().goalId() + "/measurements", new JsonObject().put("date", "2026-11-23").put("value", 1))),
        READ_EVIDENCE("GET /api/goals/{id}/evidence", Needs.REVIEW,
                (t, c) -> c.get("/api/goals/" + t.review().goalId() + "/evidence")),
        EXPORT_EVIDENCE("GET /api/goals/{id}/evidence.csv", Needs.REVIEW,
                (t, c) -> c.get("/api/goals/" + t.review().goalId() + "/evidence.csv")),
        READ_PLAYLIST("GET /api/playlists/{id}", Needs.REVIEW,
                (t, c) -> c.get("/api/playlists/" + t.review().playlistId())),
        EDIT_PLAYLIST("PATCH /api/playlists/{id}", Needs.REVIEW,
                (t, c) -> c.patchJson("/api/playlists/" + t.review().playlistId(), new JsonObject().put("title", "Changed"))),
        DELETE_PLAYLIST("DELETE /api/playlists/{id}", Needs.REVIEW,
                (t, c) -> c.delete("/api/playlists/" + t.review().playlistId())),
        SUBSCRIBE_LIVE("subscribe on GET /api/live", Needs.NOTHING,
                (t, c) -> subscribeLive(c, t.recordingId())),
        CREATE_DEBRIEF("POST /api/debriefs", Needs.NOTHING,
                (t, c) -> c.postJson("/api/debriefs", new JsonObject().put("recordingId", t.recordingId()))),
        READ_DEBRIEF("GET /api/debriefs/{id}", Needs.NOTHING,
                (t, c) -> c.get("/api/debriefs/" + teachersDebrief(t.recordingId()))),
        END_DEBRIEF("POST /api/debriefs/{id}/end", Needs.NOTHING,
                (t, c) -> c.postJson("/api/debriefs/" + teachersDebrief(t.recordingId()) + "/end", new JsonObject())),
        READ_DEBRIEF_SUMMARY("GET /api/debriefs/{id}/summary.html", Needs.NOTHING,
                (t, c) -> c.get("/api/debriefs/" + teachersEndedDebrief(t.recordingId()) + "/summary.html")),
        KEEP_RECORDING("POST /api/recordings/{id}/keep", Needs.NOTHING,
                (t, c) -> c.postJson("/api/recordings/" + t.recordingId() + "/keep", new JsonObject())),
        TAKE_OUT_RECORDING("GET /api/me/takeout?recording={id}", Needs.NOTHING,
                (t, c) -> c.get("/api/me/takeout?recording=" + t.recordingId()));

        private final String label;
        private final Needs needs;
        private final BiFunction<Target, ApiClient, ApiResponse> request;

        Operation(String label, Needs needs, BiFunction<Target, ApiClient, ApiResponse> request) {
            this.label = label;
            this.needs = needs;
            this.request = request;
        }

        ApiResponse by(ApiClient client, Target target) {
            return request.apply(target, client);
        }

        /** A problem+json body: not for HEAD, nor for a live subscription's answer (a frame). */
        boolean hasResponseBody() {
            return this != QUERY_UPLOAD_OFFSET && this != SUBSCRIBE_LIVE;
        }

        boolean readsMedia() {
            return this == READ_MEDIA_PLAYLIST || this == READ_MEDIA_FILE;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        // An upload belongs to the teacher who created it: to anyone else, a shared coach included, it does not exist.
        //                                    owner comment view unshared other admin anonymous
        row(rows, Operation.READ_RECORDING,      200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.EDIT_RECORDING,      200,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.DELETE_RECORDING,    204,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.LIST_SHARES,         200,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.SHARE,               201,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.REVOKE_SHARE,        204,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.CHANGE_SHARE,        204,  403,   403,  404,    404,  404,  401);
        // Who watched, and the audit behind it: the owner's alone; to a coach it is shared with, it does not exist.
        row(rows, Operation.READ_AUDIT,          200,  404,   404,  404,    404,  404,  401);
        row(rows, Operation.READ_WATCH_HISTORY,  200,  404,   404,  404,    404,  404,  401);
        // Viewers may report; this recording has no media yet, so there is nothing to report (409).
        row(rows, Operation.REPORT_PLAYBACK,     409,  409,   409,  404,    404,  404,  401);
        row(rows, Operation.CREATE_UPLOAD,       201,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.QUERY_UPLOAD_OFFSET, 200,  404,   404,  404,    404,  404,  401);
        row(rows, Operation.APPEND_TO_UPLOAD,    204,  404,   404,  404,    404,  404,  401);
        row(rows, Operation.TERMINATE_UPLOAD,    204,  404,   404,  404,    404,  404,  401);
        row(rows, Operation.READ_MEDIA_PLAYLIST, 200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.READ_MEDIA_FILE,     200,  200,   200,  404,    404,  404,  401);
        // Review: viewers read; commenters write; authors (here the owner) edit; a playlist is its maker's and its teacher's.
        row(rows, Operation.READ_TIMELINE,       200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.EXPORT_CSV,          200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.EXPORT_VTT,          200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.PRINT_SUMMARY,       200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.COMMENT,             201,  201,   403,  404,    404,  404,  401);
        row(rows, Operation.EDIT_COMMENT,        200,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.REPLY,               201,  201,   403,  404,    404,  404,  401);
        row(rows, Operation.DELETE_COMMENT,      204,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.LIST_CLIPS,          200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.CUT_CLIP,            201,  201,   403,  404,    404,  404,  401);
        row(rows, Operation.READ_CLIP,           200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.EDIT_CLIP,           200,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.DELETE_CLIP,         204,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.READ_GOAL,           200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.EDIT_GOAL,           200,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.MEASURE_GOAL,        201,  201,   201,  404,    404,  404,  401);
        row(rows, Operation.READ_EVIDENCE,       200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.EXPORT_EVIDENCE,     200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.READ_PLAYLIST,       200,  404,   404,  404,    404,  404,  401);
        row(rows, Operation.EDIT_PLAYLIST,       200,  404,   404,  404,    404,  404,  401);
        row(rows, Operation.DELETE_PLAYLIST,     204,  404,   404,  404,    404,  404,  401);
        // The live channel: the upgrade needs a session (401); a subscription, view access (an error frame's status).
        row(rows, Operation.SUBSCRIBE_LIVE,      200,  200,   200,  404,    404,  404,  401);
        // Debriefs: made and ended by those who may comment on the recording, read by everyone who may view it.
        row(rows, Operation.CREATE_DEBRIEF,      201,  201,   403,  404,    404,  404,  401);
        row(rows, Operation.READ_DEBRIEF,        200,  200,   200,  404,    404,  404,  401);
        row(rows, Operation.END_DEBRIEF,         200,  200,   403,  404,    404,  404,  401);
        row(rows, Operation.READ_DEBRIEF_SUMMARY, 200, 200,   200,  404,    404,  404,  401);
        // Retention's "keep" is the owner's; a takeout holds only what the caller owns, so anyone else's recording does not exist.
        row(rows, Operation.KEEP_RECORDING,      204,  403,   403,  404,    404,  404,  401);
        row(rows, Operation.TAKE_OUT_RECORDING,  200,  404,   404,  404,    404,  404,  401);
        return rows.stream();
    }

    /** A room the teacher made on the recording; for a recording that does not exist, a room that does not either. */
    private static String teachersDebrief(String recordingId) {
        ApiResponse created = org.teacher.postJson("/api/debriefs", new JsonObject().put("recordingId", recordingId));
        if (created.status() == 404) {
            return UUID.randomUUID().toString();
        }
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    /** A room the teacher made on the recording and ended, so that it has a summary. */
    private static String teachersEndedDebrief(String recordingId) {
        String id = teachersDebrief(recordingId);
        ApiResponse ended = org.teacher.postJson("/api/debriefs/" + id + "/end", new JsonObject());
        assertTrue(ended.status() == 200 || ended.status() == 404, ended::toString);
        return id;
    }

    /** What an account route does to one person's account, by a caller (issue 12: admins manage accounts, never borrow them). */
    enum AccountOperation {
        INVITE("POST /api/users", (person, c) -> c.postJson("/api/users", new JsonObject()
                .put("email", "invited" + PEOPLE.incrementAndGet() + "@school.test").put("displayName", "New").put("role", "teacher"))),
        RESET_ACCOUNT("POST /api/users/{userId}/reset", (person, c) -> c.postJson("/api/users/" + person.id() + "/reset", new JsonObject())),
        SIGN_OUT_EVERYWHERE("DELETE /api/users/{userId}/sessions", (person, c) -> c.delete("/api/users/" + person.id() + "/sessions")),
        LIST_MY_SESSIONS("GET /api/me/sessions", (person, c) -> c.get("/api/me/sessions")),
        END_SOMEONES_SESSION("DELETE /api/me/sessions/{sessionId}", (person, c) -> c.delete("/api/me/sessions/" + person.sessionId())),
        READ_MY_HISTORY("GET /api/me/history", (person, c) -> c.get("/api/me/history")),
        CHECK_A_FORGED_INVITATION("POST /api/invitations/check", (person, c) -> c.postJson("/api/invitations/check",
                new JsonObject().put("token", "forged-" + person.id()))),
        ACCEPT_A_FORGED_INVITATION("POST /api/invitations/accept", (person, c) -> c.postJson("/api/invitations/accept",
                new JsonObject().put("token", "forged-" + person.id()).put("password", "the caller's own choice"))),
        // The organization's settings and numbers, and the caller's own mail, retention notices, takeout and rooms.
        READ_RETENTION_POLICY("GET /api/retention-policy", (person, c) -> c.get("/api/retention-policy")),
        SET_RETENTION_POLICY("PUT /api/retention-policy", (person, c) -> c.sendRaw("PUT", "/api/retention-policy", "application/json",
                new JsonObject().putNull("purgeOriginalsDays").putNull("deleteInactiveDays").putNull("warnDays").encode())),
        RUN_RETENTION("POST /api/retention-policy/run", (person, c) -> c.postJson("/api/retention-policy/run", new JsonObject())),
        READ_PROGRAM_NUMBERS("GET /api/program", (person, c) -> c.get("/api/program")),
        READ_MY_RETENTION_NOTICES("GET /api/me/retention", (person, c) -> c.get("/api/me/retention")),
        READ_MY_MAIL_CHOICES("GET /api/me/mail", (person, c) -> c.get("/api/me/mail")),
        CHOOSE_MY_MAIL("PUT /api/me/mail", (person, c) -> c.sendRaw("PUT", "/api/me/mail", "application/json",
                new JsonObject().put("digest", true).encode())),
        TAKE_OUT_MY_DATA("GET /api/me/takeout", (person, c) -> c.get("/api/me/takeout")),
        LIST_MY_DEBRIEFS("GET /api/debriefs", (person, c) -> c.get("/api/debriefs"));

        private final String label;
        private final BiFunction<Person, ApiClient, ApiResponse> request;

        AccountOperation(String label, BiFunction<Person, ApiClient, ApiResponse> request) {
            this.label = label;
            this.request = request;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A fresh person of the organization, signed in in their own browser. */
    record Person(String id, String sessionId, ApiClient browser) {
    }

    static Stream<Arguments> accountMatrix() {
        List<Arguments> rows = new ArrayList<>();
        //                                                  owner commentC viewC unshared other admin anon
        accountRow(rows, AccountOperation.INVITE,               403,  403,   403,  403,    403,  201,  401);
        accountRow(rows, AccountOperation.RESET_ACCOUNT,        403,  403,   403,  403,    403,  200,  401);
        accountRow(rows, AccountOperation.SIGN_OUT_EVERYWHERE,  403,  403,   403,  403,    403,  204,  401);
        accountRow(rows, AccountOperation.LIST_MY_SESSIONS,     200,  200,   200,  200,    200,  200,  401);
        accountRow(rows, AccountOperation.END_SOMEONES_SESSION, 404,  404,   404,  404,    404,  404,  401);
        accountRow(rows, AccountOperation.READ_MY_HISTORY,      200,  200,   200,  200,    200,  200,  401);
        accountRow(rows, AccountOperation.CHECK_A_FORGED_INVITATION,  404, 404, 404, 404,  404,  404,  404);
        accountRow(rows, AccountOperation.ACCEPT_A_FORGED_INVITATION, 404, 404, 404, 404,  404,  404,  404);
        // Retention and program numbers are the admin's; being admin shows aggregates only (DESIGN.md §5).
        accountRow(rows, AccountOperation.READ_RETENTION_POLICY, 403, 403,   403,  403,    403,  200,  401);
        accountRow(rows, AccountOperation.SET_RETENTION_POLICY,  403, 403,   403,  403,    403,  200,  401);
        accountRow(rows, AccountOperation.RUN_RETENTION,         403, 403,   403,  403,    403,  200,  401);
        accountRow(rows, AccountOperation.READ_PROGRAM_NUMBERS,  403, 403,   403,  403,    403,  200,  401);
        accountRow(rows, AccountOperation.READ_MY_RETENTION_NOTICES, 200, 200, 200, 200,  200,  200,  401);
        accountRow(rows, AccountOperation.READ_MY_MAIL_CHOICES,  200, 200,   200,  200,    200,  200,  401);
        accountRow(rows, AccountOperation.CHOOSE_MY_MAIL,        200, 200,   200,  200,    200,  200,  401);
        accountRow(rows, AccountOperation.TAKE_OUT_MY_DATA,      200, 200,   200,  200,    200,  200,  401);
        accountRow(rows, AccountOperation.LIST_MY_DEBRIEFS,      200, 200,   200,  200,    200,  200,  401);
        return rows.stream();
    }

    private static void accountRow(List<Arguments> rows, AccountOperation operation, int... statusPerActor) {
        Actor[] actors = Actor.values();
        for (int i = 0; i < actors.length; i++) {
            rows.add(Arguments.of(operation, actors[i], statusPerActor[i]));
        }
    }

    @ParameterizedTest(name = "{1}: {0} → {2}")
    @MethodSource("accountMatrix")
    void eachCallerGetsExactlyTheHoldOnAccountsTheModelGivesThem(AccountOperation operation, Actor actor, int expected) {
        String email = "person" + PEOPLE.incrementAndGet() + "@school.test";
        String id = People.invitedAndActivated(org.admin, email, email, "teacher", Organization.passwordOf(email)).getString("id");
        ApiClient browser = signIn(email);
        String sessionId = browser.get("/api/me/sessions").array().getJsonObject(0).getString("id");

        ApiResponse response = operation.request.apply(new Person(id, sessionId, browser), actor.client());

        if (expected >= 400) {
            assertProblem(response, expected);
            assertEquals(200, browser.get("/api/me").status(), "a refused request leaves the person signed in");
        } else {
            assertEquals(expected, response.status(), () -> actor + " " + operation + ": " + response);
        }
        assertFalse(response.body() != null && response.body().contains("passwordHash"), "no password hash ever leaves");
    }

    private static void row(List<Arguments> rows, Operation operation, int... statusPerActor) {
        Actor[] actors = Actor.values();
        for (int i = 0; i < actors.length; i++) {
            rows.add(Arguments.of(operation, actors[i], statusPerActor[i]));
        }
    }

    @ParameterizedTest(name = "{1}: {0} → {2}")
    @MethodSource("matrix")
    void eachCallerGetsExactlyTheAccessTheModelGivesThem(Operation operation, Actor actor, int expected) {
        Target target = freshTarget(operation);

        ApiResponse response = operation.by(actor.client(), target);

        if (expected < 400) {
            assertEquals(expected, response.status(), () -> actor + " " + operation + ": " + response);
        } else if (operation.hasResponseBody()) {
            assertProblem(response, expected);
        } else {
            assertEquals(expected, response.status(), () -> actor + " " + operation + ": " + response);
        }
        if (operation == Operation.READ_RECORDING && expected == 200) {
            String access = switch (actor) {
                case OWNER -> "owner";
                case COMMENT_COACH -> "comment";
                case VIEW_COACH -> "view";
                default -> throw new IllegalStateException(actor.toString());
            };
            assertEquals(access, response.json().getString("access"));
            assertEquals(TITLE, response.json().getString("title"));
        }
        if (expected == 404 && operation.hasResponseBody()) {
            // Existence must not leak: a real recording answers exactly like one that does not exist.
            ApiResponse ghost = operation.by(actor.client(), Target.nonexistent());
            assertEquals(404, ghost.status(), () -> "nonexistent target: " + ghost);
            assertEquals(ghost.json().getString("detail"), response.json().getString("detail"));
        }
        if (expected >= 400) {
            assertNothingChanged(target);
        }
    }

    @Test
    void theRecordingListShowsARecordingToItsOwnerAndSharedCoachesOnly() {
        String id = freshTarget(Operation.READ_RECORDING).recordingId();

        assertEquals("owner", listed(org.teacher, id).getString("access"));
        assertEquals("comment", listed(org.sharedCoach, id).getString("access"));
        assertEquals("view", listed(viewCoach, id).getString("access"));
        for (ApiClient outsider : List.of(org.unsharedCoach, org.otherTeacher, org.admin)) {
            assertFalse(recordingIds(outsider).contains(id), "an outsider's list shows the recording");
        }
        assertProblem(org.anonymous.get("/api/recordings"), 401);
    }

    @Test
    void theAdminsRecordingListIsEmptyEvenWhenTeachersHaveRecordings() {
        freshTarget(Operation.READ_RECORDING);

        ApiResponse list = org.admin.get("/api/recordings");

        assertEquals(200, list.status(), list::toString);
        assertEquals(0, list.array().size(), list::toString);
    }

    @Test
    void aRoomIsListedOnlyToThoseWhoMayViewItsRecording() {
        String room = teachersDebrief(freshTarget(Operation.CREATE_DEBRIEF).recordingId());

        for (ApiClient viewer : List.of(org.teacher, org.sharedCoach, viewCoach)) {
            assertTrue(debriefIds(viewer).contains(room), "a viewer's list misses the room");
        }
        for (ApiClient outsider : List.of(org.unsharedCoach, org.otherTeacher, org.admin)) {
            assertFalse(debriefIds(outsider).contains(room), "an outsider's list shows the room");
        }
    }

    private static Set<String> debriefIds(ApiClient client) {
        ApiResponse list = client.get("/api/debriefs");
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(d -> ((JsonObject) d).getString("id")).collect(Collectors.toSet());
    }

    @Test
    void revokingAShareTakesEffectOnTheCoachsNextRequest() {
        String id = org.sharedRecording();
        assertEquals(200, org.sharedCoach.get("/api/recordings/" + id).status());

        ApiResponse revoked = org.teacher.delete("/api/recordings/" + id + "/shares/" + org.sharedCoachId);

        assertEquals(204, revoked.status(), revoked::toString);
        assertProblem(org.sharedCoach.get("/api/recordings/" + id), 404);
        assertFalse(recordingIds(org.sharedCoach).contains(id));
    }

    @Test
    void revokingAShareThatDoesNotExistIs404() {
        String id = org.recording("Never shared");

        assertProblem(org.teacher.delete("/api/recordings/" + id + "/shares/" + org.unsharedCoachId), 404);
    }

    @Test
    void aPairAloneGrantsTheCoachNothing() {
        Pair pair = newPair();
        String id = recordingOf(pair.teacher(), "Paired but not shared");

        assertProblem(pair.coach().get("/api/recordings/" + id), 404);
        assertFalse(recordingIds(pair.coach()).contains(id));
    }

    @Test
    void aStandingPermissionShowsTheCoachAllOfTheTeachersRecordings() {
        Pair pair = newPair();
        String first = recordingOf(pair.teacher(), "Before the standing share");

        ApiResponse patched = pair.teacher().patchJson("/api/pairs/" + pair.id(), new JsonObject().put("standingPermission", "view"));

        assertEquals(200, patched.status(), patched::toString);
        assertEquals("view", patched.json().getString("standingPermission"));
        String second = recordingOf(pair.teacher(), "After the standing share");
        for (String id : List.of(first, second)) {
            ApiResponse read = pair.coach().get("/api/recordings/" + id);
            assertEquals(200, read.status(), read::toString);
            assertEquals("view", read.json().getString("access"));
        }
        assertTrue(recordingIds(pair.coach()).containsAll(Set.of(first, second)));
        assertProblem(pair.coach().patchJson("/api/recordings/" + first, new JsonObject().put("title", "Mine now")), 403);
    }

    @Test
    void aStandingPermissionCoversOnlyThePairsTeacher() {
        Pair pair = newPair();
        pair.teacher().patchJson("/api/pairs/" + pair.id(), new JsonObject().put("standingPermission", "comment"));
        String someoneElses = org.recording("Not the paired teacher's");

        assertProblem(pair.coach().get("/api/recordings/" + someoneElses), 404);
        assertFalse(recordingIds(pair.coach()).contains(someoneElses));
    }

    @Test
    void clearingTheStandingPermissionRemovesTheCoachsAccess() {
        Pair pair = newPair();
        String id = recordingOf(pair.teacher(), "Shared for a while");
        pair.teacher().patchJson("/api/pairs/" + pair.id(), new JsonObject().put("standingPermission", "comment"));
        assertEquals(200, pair.coach().get("/api/recordings/" + id).status());

        ApiResponse cleared = pair.teacher().patchJson("/api/pairs/" + pair.id(), new JsonObject().putNull("standingPermission"));

        assertEquals(200, cleared.status(), cleared::toString);
        assertEquals(null, cleared.json().getValue("standingPermission"));
        assertProblem(pair.coach().get("/api/recordings/" + id), 404);
        assertFalse(recordingIds(pair.coach()).contains(id));
    }

    @Test
    void onlyThePairsTeacherMaySetItsStandingPermission() {
        Pair pair = newPair();
        String id = recordingOf(pair.teacher(), "The coach wants in");

        assertProblem(pair.coach().patchJson("/api/pairs/" + pair.id(), new JsonObject().put("standingPermission", "comment")),
                403, "teacher");
        assertProblem(org.admin.patchJson("/api/pairs/" + pair.id(), new JsonObject().put("standingPermission", "comment")), 403);
        assertProblem(org.otherTeacher.patchJson("/api/pairs/" + pair.id(), new JsonObject().put("standingPermission", "comment")), 404);
        assertProblem(pair.coach().get("/api/recordings/" + id), 404);
    }

    @Test
    void onlyAnAdminMayCreateAPair() {
        assertProblem(org.teacher.postJson("/api/pairs",
                new JsonObject().put("coachId", org.unsharedCoachId).put("teacherId", org.teacherId)), 403);
    }

    @Test
    void teachersCannotShareWithAdministrators() {
        String id = org.recording("Not for the admin");

        ApiResponse share = org.teacher.postJson("/api/recordings/" + id + "/shares",
                new JsonObject().put("userId", org.adminId).put("permission", "view"));

        assertProblem(share, 400, "administrators");
        assertProblem(org.admin.get("/api/recordings/" + id), 404);
        assertEquals(0, org.teacher.get("/api/recordings/" + id + "/shares").array().size());
    }

    @Test
    void deletingSomeoneElsesRecordingIs404AndDeletesNothing() {
        String id = org.sharedRecording();
        String key = "recordings/" + id + "/source";
        byte[] bytes = "not really a video".getBytes(StandardCharsets.US_ASCII);
        server.store().put(key, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");

        for (ApiClient outsider : List.of(org.otherTeacher, org.unsharedCoach, org.admin)) {
            assertProblem(outsider.delete("/api/recordings/" + id), 404);
        }
        assertProblem(org.sharedCoach.delete("/api/recordings/" + id), 403);

        assertEquals(200, org.teacher.get("/api/recordings/" + id).status());
        assertTrue(server.store().stat(key).isPresent(), "the stored object was deleted");
    }

    // --- fixtures ---------------------------------------------------------------------------

    private record Pair(String id, ApiClient teacher, ApiClient coach) {
    }

    /** A new teacher and coach paired by the admin, with no standing share yet. */
    private static Pair newPair() {
        int n = PEOPLE.incrementAndGet();
        String teacherEmail = "paired.teacher" + n + "@school.test";
        String coachEmail = "paired.coach" + n + "@school.test";
        String teacherId = createUser(teacherEmail, "teacher");
        String coachId = createUser(coachEmail, "coach");
        ApiResponse pair = org.admin.postJson("/api/pairs", new JsonObject().put("coachId", coachId).put("teacherId", teacherId));
        assertEquals(201, pair.status(), pair::toString);
        assertEquals(null, pair.json().getValue("standingPermission"));
        return new Pair(pair.json().getString("id"), signIn(teacherEmail), signIn(coachEmail));
    }

    /** The owner's recording, shared to comment and to view; with an unfinished upload or processed media when the operation needs them. */
    private static Target freshTarget(Operation operation) {
        String id = org.sharedRecording();
        ApiResponse share = org.teacher.postJson("/api/recordings/" + id + "/shares",
                new JsonObject().put("userId", viewCoachId).put("permission", "view"));
        assertEquals(201, share.status(), share::toString);
        if (operation.readsMedia()) {
            for (String file : List.of("master.m3u8", "v360/seg_00001.m4s")) {
                byte[] bytes = ("media " + file).getBytes(StandardCharsets.US_ASCII);
                server.store().put("recordings/" + id + "/media/" + file, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");
            }
        }
        String uploadId = null;
        if (operation.needs == Needs.UPLOAD) {
            ApiResponse created = Operation.CREATE_UPLOAD.by(org.teacher, new Target(id, null, null));
            assertEquals(201, created.status(), created::toString);
            String location = created.header("Location");
            uploadId = location.substring(location.lastIndexOf('/') + 1);
        }
        return new Target(id, uploadId, operation.needs == Needs.REVIEW ? review(id) : null);
    }

    /** The owner's comment and clip on the recording, a goal of theirs, and a playlist of the clip. */
    private static Review review(String recordingId) {
        String comment = created(org.teacher.postJson("/api/recordings/" + recordingId + "/comments",
                new JsonObject().put("startMs", 0).put("body", TITLE)));
        String clip = created(org.teacher.postJson("/api/recordings/" + recordingId + "/clips",
                new JsonObject().put("title", TITLE).put("startMs", 0).put("endMs", 1_000)));
        String goal = created(org.teacher.postJson("/api/goals", new JsonObject().put("statement", TITLE)));
        String playlist = created(org.teacher.postJson("/api/playlists", new JsonObject().put("title", TITLE).put("clipIds", new JsonArray().add(clip))));
        return new Review(comment, clip, goal, playlist);
    }

    private static String created(ApiResponse response) {
        assertEquals(201, response.status(), response::toString);
        return response.json().getString("id");
    }

    /** After a refused request the owner finds the recording, its shares and its upload as they were. */
    private static void assertNothingChanged(Target target) {
        ApiResponse recording = org.teacher.get("/api/recordings/" + target.recordingId());
        assertEquals(200, recording.status(), () -> "the recording is gone: " + recording);
        assertEquals(TITLE, recording.json().getString("title"));
        JsonArray shares = org.teacher.get("/api/recordings/" + target.recordingId() + "/shares").array();
        Set<String> sharedWith = shares.stream().map(s -> ((JsonObject) s).getJsonObject("user").getString("id")).collect(Collectors.toSet());
        assertEquals(Set.of(org.sharedCoachId, viewCoachId), sharedWith);
        if (target.uploadId() != null) {
            ApiResponse head = org.teacher.send("HEAD", "/api/uploads/" + target.uploadId(), Map.of("Tus-Resumable", "1.0.0"), (byte[]) null);
            assertEquals(200, head.status(), () -> "the upload is gone: " + head);
            assertEquals("0", head.header("Upload-Offset"));
        }
        if (target.review() != null) {
            assertReviewUnchanged(target.recordingId(), target.review());
        }
    }

    /** The owner's comment (no replies), clip, goal (no measurements) and playlist, as made. */
    private static void assertReviewUnchanged(String recordingId, Review review) {
        JsonObject timeline = org.teacher.get("/api/recordings/" + recordingId + "/timeline").json();
        JsonArray threads = timeline.getJsonArray("threads");
        assertEquals(1, threads.size(), threads::toString);
        assertEquals(TITLE, threads.getJsonObject(0).getString("body"));
        assertEquals(0, threads.getJsonObject(0).getJsonArray("replies").size());
        JsonArray clips = timeline.getJsonArray("clips");
        assertEquals(1, clips.size(), clips::toString);
        assertEquals(TITLE, clips.getJsonObject(0).getString("title"));
        JsonObject goal = org.teacher.get("/api/goals/" + review.goalId()).json();
        assertEquals(TITLE, goal.getString("statement"));
        assertEquals(0, goal.getJsonArray("measurements").size());
        assertEquals(TITLE, org.teacher.get("/api/playlists/" + review.playlistId()).json().getString("title"));
    }

    private static JsonObject listed(ApiClient client, String recordingId) {
        ApiResponse list = client.get("/api/recordings");
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(JsonObject.class::cast)
                .filter(r -> r.getString("id").equals(recordingId))
                .findFirst().orElseThrow(() -> new AssertionError("recording " + recordingId + " is not in " + list));
    }

    private static Set<String> recordingIds(ApiClient client) {
        ApiResponse list = client.get("/api/recordings");
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(r -> ((JsonObject) r).getString("id")).collect(Collectors.toSet());
    }

    private static String recordingOf(ApiClient teacher, String title) {
        ApiResponse created = teacher.postJson("/api/recordings", new JsonObject().put("title", title));
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    /** 200 for a {@code subscribed} frame, an {@code error} frame's status, or the refused upgrade's. */
    private static ApiResponse subscribeLive(ApiClient client, String recordingId) {
        HttpHeaders none = HttpHeaders.of(Map.of(), (name, value) -> true);
        int upgrade = LiveClient.upgradeStatus(client, null);
        if (upgrade != 101) {
            return new ApiResponse(upgrade, none, "");
        }
        try (LiveClient live = LiveClient.open(client)) {
            LiveClient.Frame answer = live.subscribe(recordingId);
            return new ApiResponse(answer.type().equals("subscribed") ? 200 : answer.data().getInteger("status"), none,
                    answer.json().encode());
        }
    }

    private static String uploadMetadata(String recordingId) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "recordingId " + b64.encodeToString(recordingId.getBytes(StandardCharsets.UTF_8))
                + ",filename " + b64.encodeToString("lesson.mp4".getBytes(StandardCharsets.UTF_8));
    }

    private static String createUser(String email, String role) {
        return People.invitedAndActivated(org.admin, email, email, role, Organization.passwordOf(email))
                .getString("id");
    }

    private static ApiClient signIn(String email) {
        return server.anonymous().signIn(email, Organization.passwordOf(email));
    }
}
