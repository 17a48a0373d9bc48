package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** A person's own sessions and password (issue 12, item 1). */
@RealServer
class SecurityPageTest {
    private static final AtomicInteger PEOPLE = new AtomicInteger();
    private static final String PASSWORD = "lanterns over the harbour";

    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        admin = server.admin();
    }

    @Test
    void aPersonSeesTheirSessionsWithDeviceCreationAndLastSeen() throws Exception {
        String email = newPerson();
        ApiClient laptop = server.anonymous().signIn(email, PASSWORD);
        signInAs(email, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:135.0) Gecko/20100101 Firefox/135.0");

        List<JsonObject> sessions = sessionsOf(laptop);

        assertEquals(3, sessions.size(), sessions::toString); // the invitation's own session too
        JsonObject current = sessions.stream().filter(s -> s.getBoolean("current")).findFirst().orElseThrow();
        assertEquals("Java", current.getString("device"));
        assertTrue(sessions.stream().anyMatch(s -> s.getString("device").equals("Firefox on Windows")), sessions::toString);
        sessions.forEach(s -> {
            OffsetDateTime created = OffsetDateTime.parse(s.getString("createdAt"));
            assertFalse(OffsetDateTime.parse(s.getString("lastSeenAt")).isBefore(created));
        });
    }

    @Test
    void endingOneSessionSignsOnlyThatBrowserOut() {
        String email = newPerson();
        ApiClient laptop = server.anonymous().signIn(email, PASSWORD);
        ApiClient phone = server.anonymous().signIn(email, PASSWORD);
        String phoneSession = sessionsOf(phone).stream().filter(s -> s.getBoolean("current")).findFirst().orElseThrow().getString("id");

        assertEquals(204, laptop.delete("/api/me/sessions/" + phoneSession).status());

        assertProblem(phone.get("/api/me"), 401);
        assertEquals(200, laptop.get("/api/me").status());
    }

    @Test
    void nobodyEndsAnotherPersonsSession() {
        ApiClient victim = server.anonymous().signIn(newPerson(), PASSWORD);
        String victimSession = sessionsOf(victim).getFirst().getString("id");
        ApiClient other = server.anonymous().signIn(newPerson(), PASSWORD);

        assertProblem(other.delete("/api/me/sessions/" + victimSession), 404);
        assertProblem(admin.delete("/api/me/sessions/" + victimSession), 404);
        assertEquals(200, victim.get("/api/me").status());
    }

    @Test
    void sessionsPerPersonAreCappedTheOldestEnding() {
        String email = newPerson();
        ApiClient oldest = server.anonymous().signIn(email, PASSWORD);
        ApiClient newest = null;
        for (int i = 0; i < Sessions.MOST_PER_USER; i++) {
            newest = server.anonymous().signIn(email, PASSWORD);
        }

        assertEquals(Sessions.MOST_PER_USER, sessionsOf(newest).size());
        assertProblem(oldest.get("/api/me"), 401);
    }

    @Test
    void aPersonChangesTheirPasswordGivingTheCurrentOneAndTheirOtherSessionsEnd() {
        String email = newPerson();
        ApiClient laptop = server.anonymous().signIn(email, PASSWORD);
        ApiClient phone = server.anonymous().signIn(email, PASSWORD);

        ApiResponse changed = laptop.postJson("/api/me/password",
                new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "kites above the dunes"));

        assertEquals(204, changed.status(), changed::toString);
        assertEquals(200, laptop.get("/api/me").status());
        assertProblem(phone.get("/api/me"), 401);
        assertEquals(200, server.anonymous().postJson("/api/session",
                new JsonObject().put("email", email).put("password", "kites above the dunes")).status());
        assertProblem(server.anonymous().postJson("/api/session", new JsonObject().put("email", email).put("password", PASSWORD)), 401);
        assertEquals("password_changed", laptop.get("/api/me/history").array().getJsonObject(0).getString("kind"));
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        String email = newPerson();
        ApiClient laptop = server.anonymous().signIn(email, PASSWORD);

        assertProblem(laptop.postJson("/api/me/password",
                new JsonObject().put("currentPassword", "not my password").put("newPassword", "kites above the dunes")), 400, "currentPassword");

        assertEquals(200, server.anonymous().postJson("/api/session", new JsonObject().put("email", email).put("password", PASSWORD)).status());
    }

    @Test
    void aNewPasswordMeetsThePolicy() {
        ApiClient laptop = server.anonymous().signIn(newPerson(), PASSWORD);

        assertProblem(laptop.postJson("/api/me/password",
                new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "password2025")), 400, "common");
    }

    @Test
    void changingThePasswordNeedsTheCsrfToken() {
        ApiClient laptop = server.anonymous().signIn(newPerson(), PASSWORD);

        assertProblem(laptop.withoutCsrf().postJson("/api/me/password",
                new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "kites above the dunes")), 403);
    }

    private static String newPerson() {
        String email = "someone" + PEOPLE.incrementAndGet() + "@school.test";
        People.invitedAndActivated(admin, email, "Sam", "teacher", PASSWORD);
        return email;
    }

    private static List<JsonObject> sessionsOf(ApiClient person) {
        ApiResponse listed = person.get("/api/me/sessions");
        assertEquals(200, listed.status(), listed::toString);
        return listed.array().stream().map(JsonObject.class::cast).toList();
    }

    private static void signInAs(String email, String userAgent) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base() + "/api/session"))
                .header("Content-Type", "application/json").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", PASSWORD).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
    }
}
