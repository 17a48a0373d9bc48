package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** Accounts opened by invitation, resets, and passwords people choose themselves (issue 12, item 1). */
@RealServer
class InvitationsTest {
    private static final AtomicInteger PEOPLE = new AtomicInteger();
    private static final String GOOD = "a walk along the river at dawn";

    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    @Test
    void anInvitedPersonSetsTheirOwnPasswordAndIsSignedIn() {
        JsonObject invited = invite("teacher");
        assertEquals("invited", invited.getString("status"));
        assertTrue(invited.getJsonObject("invitation").getString("url").startsWith(server.base() + "/invitation#"));

        ApiClient person = People.accept(server.base(), People.tokenOf(invited), GOOD);

        ApiResponse me = person.get("/api/me");
        assertEquals(invited.getString("email"), me.json().getString("email"));
        assertEquals(200, server.anonymous().postJson("/api/session", signIn(invited, GOOD)).status());
        assertEquals("active", statusOf(invited));
    }

    @Test
    void theLinkNamesThePersonBeforeItIsUsed() {
        JsonObject invited = invite("coach");

        ApiResponse checked = server.anonymous().postJson("/api/invitations/check", token(invited));

        assertEquals(200, checked.status(), checked::toString);
        assertEquals(invited.getString("email"), checked.json().getString("email"));
        assertEquals("invitation", checked.json().getString("kind"));
    }

    @Test
    void anInvitedAccountCannotBeSignedInToBeforeItsPersonSetsAPassword() {
        JsonObject invited = invite("teacher");

        assertProblem(server.anonymous().postJson("/api/session", signIn(invited, "")), 400, "password");
        assertProblem(server.anonymous().postJson("/api/session", signIn(invited, "any-password-at-all")), 401);
    }

    @Test
    void aLinkWorksOnce() {
        JsonObject invited = invite("teacher");
        People.accept(server.base(), People.tokenOf(invited), GOOD);

        ApiResponse again = server.anonymous().postJson("/api/invitations/accept", token(invited).put("password", "the admin's own choice"));

        assertProblem(again, 404, "used");
        assertProblem(server.anonymous().postJson("/api/session", signIn(invited, "the admin's own choice")), 401);
    }

    @Test
    void anExpiredLinkIsRefused() {
        JsonObject invited = invite("teacher");
        assertEquals(1, server.sqlUpdate("update invitations set expires_at = now() - interval '1 second' where token_hash = ?",
                Tokens.sha256(People.tokenOf(invited))));

        assertProblem(server.anonymous().postJson("/api/invitations/accept", token(invited).put("password", GOOD)), 404, "expired");
    }

    @Test
    void onlyTheTokensHashIsStored() {
        JsonObject invited = invite("teacher");
        String token = People.tokenOf(invited);

        assertEquals(0, server.sqlUpdate("update invitations set kind = kind where token_hash = ?", token));
        assertEquals(1, server.sqlUpdate("update invitations set kind = kind where token_hash = ?", Tokens.sha256(token)));
    }

    @Test
    void aLinkExpiresAfterTheConfiguredTime() {
        OffsetDateTime expires = OffsetDateTime.parse(invite("teacher").getJsonObject("invitation").getString("expiresAt"));

        Duration left = Duration.between(OffsetDateTime.now(), expires);
        assertTrue(left.compareTo(Duration.ofHours(71)) > 0 && left.compareTo(Duration.ofHours(72)) <= 0, left::toString);
    }

    @Test
    void weakPasswordsAreRefusedSayingWhy() {
        JsonObject invited = invite("teacher");
        for (var weak : List.of(List.of("short1!", "at least 12"), List.of("aaaaaaaaaaaa", "different"),
                List.of("abababababababab", "different"), List.of("password1234", "common"), List.of("Welcome2026!", "common"),
                List.of("qwertyuiop12", "common"), List.of("123456789012", "run of keys"), List.of("iloveyou", "at least 12"))) {
            ApiResponse refused = server.anonymous().postJson("/api/invitations/accept", token(invited).put("password", weak.get(0)));
            assertProblem(refused, 400, weak.get(1));
        }
        // The link still works after all those refusals.
        People.accept(server.base(), People.tokenOf(invited), GOOD);
    }

    @Test
    void aPasswordIsTakenExactlyAsTypedNeverTrimmed() {
        JsonObject invited = invite("teacher");
        People.accept(server.base(), People.tokenOf(invited), "  " + GOOD + " ");

        assertEquals(200, server.anonymous().postJson("/api/session", signIn(invited, "  " + GOOD + " ")).status());
        assertProblem(server.anonymous().postJson("/api/session", signIn(invited, GOOD)), 401);
    }

    @Test
    void aResetEndsThePasswordAndEverySessionAndGivesANewLink() {
        JsonObject invited = invite("teacher");
        ApiClient laptop = People.accept(server.base(), People.tokenOf(invited), GOOD);
        ApiClient phone = server.anonymous().signIn(invited.getString("email"), GOOD);

        ApiResponse reset = admin.postJson("/api/users/" + invited.getString("id") + "/reset", new JsonObject());

        assertEquals(200, reset.status(), reset::toString);
        assertEquals("invited", reset.json().getString("status"));
        assertProblem(laptop.get("/api/me"), 401);
        assertProblem(phone.get("/api/me"), 401);
        assertProblem(server.anonymous().postJson("/api/session", signIn(invited, GOOD)), 401);
        assertProblem(server.anonymous().postJson("/api/invitations/accept", token(invited).put("password", GOOD)), 404);
        ApiClient again = People.accept(server.base(), People.tokenOf(reset.json()), "another walk along the river");
        assertEquals(200, again.get("/api/me").status());
    }

    @Test
    void theSecurityPageShowsEveryInvitationActivationAndResetWithItsTimeAndWho() {
        JsonObject invited = invite("teacher");
        People.accept(server.base(), People.tokenOf(invited), GOOD);
        ApiResponse reset = admin.postJson("/api/users/" + invited.getString("id") + "/reset", new JsonObject());
        ApiClient person = People.accept(server.base(), People.tokenOf(reset.json()), "another walk along the river");

        List<JsonObject> history = person.get("/api/me/history").array().stream().map(JsonObject.class::cast).toList();

        assertEquals(List.of("activated", "reset", "activated", "invited"), history.stream().map(e -> e.getString("kind")).toList());
        assertEquals("Administrator", history.get(1).getString("by"));
        assertEquals("Administrator", history.get(3).getString("by"));
        assertFalse(history.get(0).containsKey("by"), "the person did it themselves");
        assertEquals("Java", history.get(0).getString("device"));
        history.forEach(e -> OffsetDateTime.parse(e.getString("at")));
    }

    @Test
    void onlyAnAdminInvitesResetsOrSignsPeopleOut() {
        JsonObject invited = invite("teacher");
        ApiClient teacher = People.accept(server.base(), People.tokenOf(invited), GOOD);
        String other = People.invitedAndActivated(admin, "victim" + PEOPLE.incrementAndGet() + "@school.test", "V", "teacher", GOOD)
                .getString("id");

        assertProblem(teacher.postJson("/api/users", new JsonObject().put("email", "x@school.test").put("displayName", "X")
                .put("role", "admin")), 403);
        assertProblem(teacher.postJson("/api/users/" + other + "/reset", new JsonObject()), 403);
        assertProblem(teacher.delete("/api/users/" + other + "/sessions"), 403);
    }

    @Test
    void anAdminSignsAPersonOutEverywhereAndThePersonSeesIt() {
        JsonObject invited = invite("coach");
        ApiClient laptop = People.accept(server.base(), People.tokenOf(invited), GOOD);
        ApiClient phone = server.anonymous().signIn(invited.getString("email"), GOOD);

        assertEquals(204, admin.delete("/api/users/" + invited.getString("id") + "/sessions").status());

        assertProblem(laptop.get("/api/me"), 401);
        assertProblem(phone.get("/api/me"), 401);
        ApiClient back = server.anonymous().signIn(invited.getString("email"), GOOD);
        assertEquals("signed_out_everywhere", back.get("/api/me/history").array().getJsonObject(0).getString("kind"));
    }

    @Test
    void anAdminCannotResetTheirOwnAccountFromTheAdminScreen() {
        String adminId = admin.get("/api/me").json().getString("id");

        assertProblem(admin.postJson("/api/users/" + adminId + "/reset", new JsonObject()), 400, "security page");
    }

    @Test
    void aResetOfAnUnknownAccountIs404() {
        assertProblem(admin.postJson("/api/users/00000000-0000-0000-0000-000000000000/reset", new JsonObject()), 404);
    }

    // --- helpers ---------------------------------------------------------------------------

    private static JsonObject invite(String role) {
        String email = "person" + PEOPLE.incrementAndGet() + "@school.test";
        ApiResponse created = admin.postJson("/api/users", new JsonObject().put("email", email).put("displayName", "Pat " + PEOPLE.get())
                .put("role", role));
        assertEquals(201, created.status(), created::toString);
        assertThrows(NullPointerException.class, () -> created.json().getString("password").length(), "no password anywhere");
        return created.json();
    }

    private static JsonObject token(JsonObject invited) {
        return new JsonObject().put("token", People.tokenOf(invited));
    }

    private static JsonObject signIn(JsonObject invited, String password) {
        return new JsonObject().put("email", invited.getString("email")).put("password", password);
    }

    private static String statusOf(JsonObject invited) {
        return admin.get("/api/users").array().stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("id").equals(invited.getString("id"))).findFirst().orElseThrow().getString("status");
    }
}
