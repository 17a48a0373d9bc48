package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** Sign-in, sessions and CSRF (DESIGN.md §5, "Sessions"), and the admin's account creation. */
@RealServer
class SessionsTest {
    private static final String COOKIE = "lessonloop_session";
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private static TestServer server;
    private static ApiClient admin;
    private static HttpClient raw;

    @BeforeAll
    static void start() {
        admin = server.admin();
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void signingInSetsAnHttpOnlySameSiteSessionCookie() {
        String email = newTeacher();

        RawResponse response = signIn(email, Organization.passwordOf(email));

        assertEquals(200, response.status(), response::toString);
        String cookie = sessionSetCookie(response).orElseThrow(() -> new AssertionError("no session cookie: " + response));
        String attributes = cookie.toLowerCase(Locale.ROOT);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=lax") || attributes.contains("samesite=strict"), cookie);
        assertTrue(attributes.contains("path=/"), cookie);
        assertFalse(cookieValue(cookie).isBlank(), cookie);
    }

    @Test
    void aWrongPasswordIs401WithAClearDetailAndNoCookie() {
        String email = newTeacher();

        RawResponse response = signIn(email, "not-the-password-at-all");

        assertProblem(response.api(), 401, "email or password");
        assertTrue(sessionSetCookie(response).isEmpty(), response::toString);
    }

    @Test
    void anUnknownEmailGetsTheSame401AsAWrongPassword() {
        String email = newTeacher();
        RawResponse wrongPassword = signIn(email, "not-the-password-at-all");

        RawResponse unknown = signIn("nobody." + email, "not-the-password-at-all");

        JsonObject body = assertProblem(unknown.api(), 401);
        assertEquals(wrongPassword.api().json().getString("detail"), body.getString("detail"));
        assertTrue(sessionSetCookie(unknown).isEmpty(), unknown::toString);
    }

    @Test
    void theSixthFailedSignInForOneAccountFromOneClientIs429() {
        String email = newTeacher();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(signIn(email, "wrong-guess-number-" + attempt).api(), 401);
        }

        RawResponse sixth = signIn(email, "wrong-guess-number-6");

        assertProblem(sixth.api(), 429, "try again");
        assertTrue(sessionSetCookie(sixth).isEmpty());
    }

    @Test
    void aThrottledAccountIsRefusedEvenWithTheRightPassword() {
        String email = newTeacher();
        for (int attempt = 1; attempt <= 5; attempt++) {
            signIn(email, "wrong-guess-number-" + attempt);
        }

        RawResponse right = signIn(email, Organization.passwordOf(email));

        assertProblem(right.api(), 429);
        assertTrue(sessionSetCookie(right).isEmpty());
    }

    @Test
    void theThrottleOfOneAccountDoesNotLockOutAnother() {
        String guessed = newTeacher();
        String bystander = newTeacher();
        for (int attempt = 1; attempt <= 6; attempt++) {
            signIn(guessed, "wrong-guess-number-" + attempt);
        }

        assertEquals(200, signIn(bystander, Organization.passwordOf(bystander)).status());
    }

    @Test
    void signingInAgainIssuesANewSessionIdAndRetiresTheOldOne() {
        String email = newTeacher();
        RawResponse firstSignIn = signIn(email, Organization.passwordOf(email));
        String first = cookieValue(sessionSetCookie(firstSignIn).orElseThrow());
        String csrf = firstSignIn.api().json().getString("csrfToken");

        // The browser still holds the first session's cookie (and, being signed in, echoes its CSRF token).
        RawResponse again = send(signInRequest(email, Organization.passwordOf(email))
                .header("Cookie", COOKIE + "=" + first).header("X-CSRF-Token", csrf));

        String second = cookieValue(sessionSetCookie(again).orElseThrow(() -> new AssertionError("no new cookie: " + again)));
        assertNotEquals(first, second);
        assertProblem(me(first).api(), 401);
        assertEquals(200, me(second).status());
    }

    @Test
    void anExpiredSessionIs401AskingToSignInAgain() {
        String email = newTeacher();
        RawResponse signedIn = signIn(email, Organization.passwordOf(email));
        String token = cookieValue(sessionSetCookie(signedIn).orElseThrow());
        assertEquals(200, me(token).status());
        assertEquals(1, server.sqlUpdate(
                "update sessions set expires_at = now() - interval '1 second' where token_hash = ?", Tokens.sha256(token)));
        assertProblem(Eventually.until(() -> me(token), response -> response.status() == 401).api(), 401, "expired");
    }

    @Test
    void signingOutMakesTheCookieUseless() {
        String email = newTeacher();
        RawResponse signedIn = signIn(email, Organization.passwordOf(email));
        String token = cookieValue(sessionSetCookie(signedIn).orElseThrow());
        String csrf = signedIn.api().json().getString("csrfToken");
        assertEquals(200, me(token).status());

        RawResponse out = send(HttpRequest.newBuilder(uri("/api/session")).DELETE()
                .header("Cookie", COOKIE + "=" + token).header("X-CSRF-Token", csrf));

        assertEquals(204, out.status(), out::toString);
        assertProblem(me(token).api(), 401, "sign in");
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIs403AndChangesNothing() {
        ApiClient teacher = signedInTeacher();
        int before = teacher.get("/api/recordings").array().size();

        ApiResponse forged = teacher.withoutCsrf().postJson("/api/recordings", new JsonObject().put("title", "Forged"));

        assertProblem(forged, 403, "X-CSRF-Token");
        assertEquals(before, teacher.get("/api/recordings").array().size());
    }

    @Test
    void aStateChangingRequestWithAWrongCsrfTokenIs403AndChangesNothing() {
        ApiClient teacher = signedInTeacher();
        int before = teacher.get("/api/recordings").array().size();

        ApiResponse forged = teacher.withoutCsrf().send("POST", "/api/recordings",
                Map.of("Content-Type", "application/json", "X-CSRF-Token", "guessed-token"),
                new JsonObject().put("title", "Forged").encode().getBytes());

        assertProblem(forged, 403, "X-CSRF-Token");
        assertEquals(before, teacher.get("/api/recordings").array().size());
    }

    @Test
    void signingOutWithoutTheCsrfTokenIsRefused() {
        ApiClient teacher = signedInTeacher();

        ApiResponse forged = teacher.withoutCsrf().delete("/api/session");

        assertProblem(forged, 403);
        assertEquals(200, teacher.get("/api/me").status());
    }

    @Test
    void meReturnsTheUserAndTheCsrfTokenOfTheSession() {
        String email = newTeacher();
        ApiClient teacher = server.anonymous().signIn(email, Organization.passwordOf(email));

        ApiResponse me = teacher.get("/api/me");

        assertEquals(200, me.status(), me::toString);
        assertEquals(email, me.json().getString("email"));
        assertEquals("teacher", me.json().getString("role"));
        assertNotNull(me.json().getString("csrfToken"));
        assertEquals(teacher.csrfToken(), me.json().getString("csrfToken"));
        assertFalse(me.body().contains("password"), "me must not expose any password field");
    }

    @Test
    void meWithoutASessionIs401() {
        assertProblem(server.anonymous().get("/api/me"), 401, "sign in");
    }

    @Test
    void theSessionProbeSaysSignedOutWith200WhenNobodyIs() {
        ApiResponse probe = server.anonymous().get("/api/session");

        assertEquals(200, probe.status(), probe::toString);
        assertEquals(new JsonObject().put("signedIn", false), probe.json());
    }

    @Test
    void theSessionProbeGivesTheSignedInUserAndTheCsrfToken() {
        String email = newTeacher();
        ApiClient teacher = server.anonymous().signIn(email, Organization.passwordOf(email));

        ApiResponse probe = teacher.get("/api/session");

        assertEquals(200, probe.status(), probe::toString);
        assertTrue(probe.json().getBoolean("signedIn"), probe::toString);
        JsonObject user = probe.json().getJsonObject("user");
        assertEquals(email, user.getString("email"));
        assertEquals("teacher", user.getString("role"));
        assertEquals(teacher.csrfToken(), user.getString("csrfToken"));
        assertFalse(probe.body().contains("password"), "the probe must not expose any password field");
    }

    @Test
    void theSessionProbeWithAnEndedSessionSaysSignedOutAndClearsTheCookie() {
        RawResponse ended = send(HttpRequest.newBuilder(uri("/api/session")).GET().header("Cookie", COOKIE + "=no-such-session"));

        assertEquals(200, ended.status(), ended::toString);
        assertEquals(new JsonObject().put("signedIn", false), new JsonObject(ended.body()));
        assertTrue(ended.headers().allValues("set-cookie").stream()
                .anyMatch(c -> c.startsWith(COOKIE + "=") && cookieValue(c).isBlank()), "the stale cookie is cleared: " + ended);
    }

    @Test
    void aTeacherCannotCreateAccounts() {
        ApiClient teacher = signedInTeacher();

        ApiResponse created = teacher.postJson("/api/users", newUserBody("sneaky@school.test", "admin"));

        assertProblem(created, 403, "administrator");
        assertEquals(401, signIn("sneaky@school.test", Organization.passwordOf("sneaky@school.test")).status());
    }

    @Test
    void aDuplicateEmailIs409() {
        String email = newTeacher();

        ApiResponse again = admin.postJson("/api/users", newUserBody(email.toUpperCase(Locale.ROOT), "coach"));

        assertProblem(again, 409, "already exists");
    }

    @Test
    void anAdminCannotChooseAPersonsPassword() {
        ApiResponse created = admin.postJson("/api/users",
                newUserBody("chosen.pw@school.test", "teacher").put("password", "chosen-by-the-admin"));

        assertProblem(created, 400, "password");
        assertEquals(401, signIn("chosen.pw@school.test", "chosen-by-the-admin").status());
    }

    @Test
    void anUnknownRoleIs400() {
        ApiResponse created = admin.postJson("/api/users", newUserBody("boss@school.test", "principal"));

        assertProblem(created, 400, "role");
    }

    @Test
    void aMalformedEmailIs400() {
        assertProblem(admin.postJson("/api/users", newUserBody("not-an-email", "teacher")), 400, "email");
    }

    // --- helpers ---------------------------------------------------------------------------

    private record RawResponse(int status, java.net.http.HttpHeaders headers, String body) {
        ApiResponse api() {
            return new ApiResponse(status, headers, body);
        }

        @Override
        public String toString() {
            return status + " " + headers.allValues("set-cookie") + " " + body;
        }
    }

    /** A new teacher account; each test gets its own, so throttles and sessions never cross tests. */
    private static String newTeacher() {
        String email = "teacher" + PEOPLE.incrementAndGet() + "@school.test";
        People.invitedAndActivated(admin, email, "Someone", "teacher", Organization.passwordOf(email));
        return email;
    }

    private static ApiClient signedInTeacher() {
        String email = newTeacher();
        return server.anonymous().signIn(email, Organization.passwordOf(email));
    }

    private static JsonObject newUserBody(String email, String role) {
        return new JsonObject().put("email", email).put("displayName", "Someone").put("role", role);
    }

    /** Sign-in with a cookie-less client, so the test sees exactly which cookies the server sets. */
    private static RawResponse signIn(String email, String password) {
        return send(signInRequest(email, password));
    }

    private static HttpRequest.Builder signInRequest(String email, String password) {
        return HttpRequest.newBuilder(uri("/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password).encode()));
    }

    private static RawResponse me(String session) {
        return send(HttpRequest.newBuilder(uri("/api/me")).GET().header("Cookie", COOKIE + "=" + session));
    }

    private static Optional<String> sessionSetCookie(RawResponse response) {
        List<String> cookies = response.headers().allValues("set-cookie");
        return cookies.stream().filter(c -> c.startsWith(COOKIE + "=")).filter(c -> !cookieValue(c).isBlank()).findFirst();
    }

    private static String cookieValue(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        return pair.substring(pair.indexOf('=') + 1).strip();
    }

    private static URI uri(String path) {
        return server.base().resolve(path);
    }

    private static RawResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new RawResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
