package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.People;
import org.lessonloop.testing.TestServer;

/**
 * Sign-in through an OpenID provider (issue 12, item 3), against a real one on a free port
 * (mock-oauth2-server): the browser is a Java HTTP client that follows every redirect of the
 * authorization code flow itself, cookies included.
 */
class OidcSignInTest {
    private static final String ISSUER_ID = "school";
    private static final String CLIENT_ID = "lessonloop-test";
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private static MockOAuth2Server provider;
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        provider = new MockOAuth2Server();
        provider.start();
        server = TestServer.start(Map.of(
                "LESSONLOOP_OIDC_ISSUER", provider.issuerUrl(ISSUER_ID).toString(),
                "LESSONLOOP_OIDC_CLIENT_ID", CLIENT_ID,
                "LESSONLOOP_OIDC_CLIENT_SECRET", "client-secret-for-tests",
                "LESSONLOOP_OIDC_ALLOWED_DOMAINS", "school.test",
                "LESSONLOOP_OIDC_LABEL", "Test School"));
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        provider.shutdown();
    }

    @Test
    void theSignInPageIsToldWhichProviderToOffer() {
        JsonObject options = server.anonymous().get("/api/oidc").json();

        assertEquals(true, options.getBoolean("configured"));
        assertEquals("Test School", options.getString("label"));
    }

    @Test
    void aPersonWithAnAccountSignsInThroughTheProvidersRedirects() {
        String email = activated();
        String subject = UUID.randomUUID().toString();
        ApiClient browser = server.anonymous();

        Flow flow = Flow.start(browser, Optional.empty());
        assertEquals("S256", flow.parameters().get("code_challenge_method"));
        assertEquals(43, flow.parameters().get("code_challenge").length());
        assertEquals(server.base() + "/api/oidc/callback", flow.parameters().get("redirect_uri"));
        issues(subject, Map.of("email", email, "email_verified", true));

        assertEquals("/", flow.finish());
        ApiResponse me = browser.get("/api/me");
        assertEquals(200, me.status(), me::toString);
        assertEquals(email, me.json().getString("email"));
        assertTrue(browser.get("/api/me/sessions").array().getJsonObject(0).getString("device").endsWith("via Test School"));
        assertEquals("provider_linked", browser.get("/api/me/history").array().getJsonObject(0).getString("kind"));
    }

    @Test
    void theLinkedSubjectSignsInEvenAfterItsEmailChangesAtTheProvider() {
        String email = activated();
        String subject = UUID.randomUUID().toString();
        signIn(subject, Map.of("email", email, "email_verified", true));

        ApiClient later = signIn(subject, Map.of("email", "renamed-" + email, "email_verified", true));

        assertEquals(email, later.get("/api/me").json().getString("email"));
    }

    @Test
    void anotherSubjectWithALinkedAccountsEmailIsRefused() {
        String email = activated();
        signIn(UUID.randomUUID().toString(), Map.of("email", email, "email_verified", true));

        assertRefused("linked-elsewhere", UUID.randomUUID().toString(), Map.of("email", email, "email_verified", true));
    }

    @Test
    void aForgedStateIsRefused() {
        ApiClient browser = server.anonymous();
        Flow flow = Flow.start(browser, Optional.empty());
        URI callback = flow.authorize();

        String forged = callback.toString().replaceAll("state=[^&]+", "state=" + UUID.randomUUID());
        assertEquals("/signin?oidc=state", location(browser.get(forged)));
        assertSignedOut(browser);
    }

    @Test
    void aCallbackInAnotherBrowserThanTheOneThatStartedIsRefused() {
        Flow flow = Flow.start(server.anonymous(), Optional.empty());
        URI callback = flow.authorize();

        ApiClient attackersVictim = server.anonymous();
        assertEquals("/signin?oidc=state", location(attackersVictim.get(callback.toString())));
        assertSignedOut(attackersVictim);
    }

    @Test
    void aReplayedCallbackIsRefusedEvenWithTheBrowsersCookie() throws Exception {
        ApiClient browser = server.anonymous();
        Flow flow = Flow.start(browser, Optional.empty());
        issues(UUID.randomUUID().toString(), Map.of("email", activated(), "email_verified", true));
        URI callback = flow.authorize();
        assertEquals("/", location(browser.get(callback.toString())));

        // The cookie the start set (the callback cleared it), sent again with the same code and state.
        HttpResponse<String> replayed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(callback)
                .header("Cookie", "lessonloop_oidc=" + flow.parameters().get("state")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(303, replayed.statusCode());
        assertEquals("/signin?oidc=state", replayed.headers().firstValue("Location").orElseThrow());
        assertTrue(replayed.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(SessionAuthHandler.COOKIE + "=") && c.length() > 40),
                () -> replayed.headers().allValues("Set-Cookie").toString());
    }

    @Test
    void aForgedNonceIsRefused() {
        assertRefused("token", UUID.randomUUID().toString(), Map.of("email", activated(), "email_verified", true, "nonce", "forged"));
    }

    @Test
    void aNonceReplayedFromAnEarlierSignInIsRefused() {
        String email = activated();
        String subject = UUID.randomUUID().toString();
        Flow earlier = Flow.start(server.anonymous(), Optional.empty());
        issues(subject, Map.of("email", email, "email_verified", true));
        assertEquals("/", earlier.finish());

        assertRefused("token", subject, Map.of("email", email, "email_verified", true, "nonce", earlier.parameters().get("nonce")));
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        assertRefused("token", UUID.randomUUID().toString(), Map.of("email", activated(), "email_verified", true, "aud", "another-app"));
    }

    @Test
    void anEmailTheProviderDoesNotVouchForIsRefused() {
        String email = activated();
        assertRefused("unverified", UUID.randomUUID().toString(), Map.of("email", email, "email_verified", false));
        assertRefused("unverified", UUID.randomUUID().toString(), Map.of("email", email));
    }

    @Test
    void anUnknownEmailIsRefusedAndNoAccountIsMade() {
        String stranger = "stranger" + PEOPLE.incrementAndGet() + "@school.test";

        assertRefused("unknown", UUID.randomUUID().toString(), Map.of("email", stranger, "email_verified", true));

        assertFalse(admin.get("/api/users").body().contains(stranger));
    }

    @Test
    void anEmailOfAnotherDomainIsRefused() {
        assertRefused("domain", UUID.randomUUID().toString(), Map.of("email", "someone@elsewhere.test", "email_verified", true));
    }

    @Test
    void anInvitationIsAcceptedThroughTheProvider() {
        JsonObject invited = invite();
        String token = People.tokenOf(invited);
        ApiClient browser = server.anonymous();
        Flow flow = Flow.start(browser, Optional.of(token));
        issues(UUID.randomUUID().toString(), Map.of("email", invited.getString("email"), "email_verified", true));

        assertEquals("/", flow.finish());

        assertEquals(invited.getString("email"), browser.get("/api/me").json().getString("email"));
        JsonObject activation = browser.get("/api/me/history").array().getJsonObject(0);
        assertEquals("provider_activated", activation.getString("kind"));
        assertTrue(activation.getString("device").endsWith("via Test School"), activation::encode);
        assertEquals(404, server.anonymous().postJson("/api/invitations/check", new JsonObject().put("token", token)).status());
        assertEquals("active", admin.get("/api/users").array().stream().map(JsonObject.class::cast)
                .filter(user -> user.getString("email").equals(invited.getString("email"))).findFirst().orElseThrow().getString("status"));
    }

    @Test
    void anInvitationIsNotAcceptedWithAnotherEmailAndStillWorks() {
        JsonObject invited = invite();
        String token = People.tokenOf(invited);
        String someoneElse = activated();
        ApiClient browser = server.anonymous();
        Flow flow = Flow.start(browser, Optional.of(token));
        issues(UUID.randomUUID().toString(), Map.of("email", someoneElse, "email_verified", true));

        assertEquals("/signin?oidc=mismatch", flow.finish());

        assertSignedOut(browser);
        assertEquals(200, server.anonymous().postJson("/api/invitations/check", new JsonObject().put("token", token)).status());
    }

    @Test
    void aUsedInvitationCannotStartASignIn() {
        JsonObject invited = invite();
        String token = People.tokenOf(invited);
        People.accept(server.base(), token, "a walk along the river at dawn");

        ApiResponse refused = server.anonymous().postJson("/api/oidc/start", new JsonObject().put("invitation", token));

        assertEquals(404, refused.status(), refused::toString);
    }

    @Test
    void providerSignInsShareThePasswordsCapOfSessions() {
        String email = activated();
        String subject = UUID.randomUUID().toString();
        ApiClient first = signIn(subject, Map.of("email", email, "email_verified", true));
        for (int i = 0; i < Sessions.MOST_PER_USER; i++) {
            signIn(subject, Map.of("email", email, "email_verified", true));
        }

        assertEquals(401, first.get("/api/me").status());
        assertEquals(Sessions.MOST_PER_USER, server.anonymous().signIn(email, passwordOf(email)).get("/api/me/sessions").array().size());
    }

    /** A sign-in under way in one browser, as the start answered it. */
    private record Flow(ApiClient browser, URI atProvider) {
        static Flow start(ApiClient browser, Optional<String> invitation) {
            JsonObject body = new JsonObject();
            invitation.ifPresent(token -> body.put("invitation", token));
            ApiResponse started = browser.postJson("/api/oidc/start", body);
            assertEquals(200, started.status(), started::toString);
            return new Flow(browser, URI.create(started.json().getString("location")));
        }

        Map<String, String> parameters() {
            return Arrays.stream(atProvider.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                    .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        }

        /** The provider's redirect back to us, with the code and state. */
        URI authorize() {
            ApiResponse answer = browser.get(atProvider.toString());
            assertEquals(302, answer.status(), answer::toString);
            return URI.create(location(answer));
        }

        /** Where the app sends the browser at the end: into the app, or back to sign in with a reason. */
        String finish() {
            return location(browser.get(authorize().toString()));
        }
    }

    /** The provider's next ID token: for this subject, with these claims on top of its own. */
    private static void issues(String subject, Map<String, Object> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), new HashMap<>(claims), 3600));
    }

    private static ApiClient signIn(String subject, Map<String, Object> claims) {
        ApiClient browser = server.anonymous();
        Flow flow = Flow.start(browser, Optional.empty());
        issues(subject, claims);
        assertEquals("/", flow.finish());
        return browser.signedInAs(browser.get("/api/me"));
    }

    private static void assertRefused(String reason, String subject, Map<String, Object> claims) {
        ApiClient browser = server.anonymous();
        Flow flow = Flow.start(browser, Optional.empty());
        issues(subject, claims);
        assertEquals("/signin?oidc=" + reason, flow.finish());
        assertSignedOut(browser);
    }

    private static void assertSignedOut(ApiClient browser) {
        assertEquals(false, browser.get("/api/session").json().getBoolean("signedIn"));
    }

    private static String location(ApiResponse response) {
        assertEquals(true, response.status() == 302 || response.status() == 303, response::toString);
        return response.header("Location");
    }

    private static JsonObject invite() {
        String email = "person" + PEOPLE.incrementAndGet() + "@school.test";
        ApiResponse created = admin.postJson("/api/users", new JsonObject()
                .put("email", email).put("displayName", "Person " + PEOPLE.get()).put("role", "teacher"));
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    /** A teacher who accepted her invitation with a password. */
    private static String activated() {
        JsonObject invited = invite();
        People.accept(server.base(), People.tokenOf(invited), passwordOf(invited.getString("email")));
        return invited.getString("email");
    }

    private static String passwordOf(String email) {
        return "pw-" + email + "-long-enough";
    }
}
