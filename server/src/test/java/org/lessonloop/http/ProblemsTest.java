package org.lessonloop.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.TestServer;

/** The HTTP edge: problem+json for what the router cannot route, health, and an OpenAPI document that matches the routes. */
class ProblemsTest {
    private static final Pattern PATH_LINE = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD_LINE = Pattern.compile("^    (get|put|post|delete|options|head|patch|trace):\\s*$");
    private static final String ROUTER_404 = "There is nothing at";

    private static TestServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        anonymous = server.anonymous();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anUnknownApiPathIs404ProblemJson() {
        ApiResponse response = anonymous.get("/api/no-such-thing");

        assertProblem(response, 404, "/api/no-such-thing");
        assertEquals("/api/no-such-thing", response.json().getString("instance"));
    }

    @Test
    void anUnknownApiPathIs404ForASignedInUserToo() {
        assertProblem(server.admin().get("/api/recordings/" + UUID.randomUUID() + "/no-such-thing"), 404, ROUTER_404);
    }

    @Test
    void aWrongMethodOnAKnownPathIs405ProblemJson() {
        ApiResponse response = anonymous.sendRaw("PUT", "/api/recordings", "application/json", "{}");

        assertProblem(response, 405, "PUT");
    }

    @Test
    void aWrongMethodOnAPathWithAnIdIs405ProblemJson() {
        ApiResponse response = anonymous.sendRaw("POST", "/api/recordings/" + UUID.randomUUID() + "/audit", "application/json", "{}");

        assertProblem(response, 405);
    }

    @Test
    void livenessAnswers200() {
        ApiResponse live = anonymous.get("/health/live");

        assertEquals(200, live.status(), live::toString);
        assertEquals("up", live.json().getString("status"));
    }

    @Test
    void readinessAnswers200WhenDatabaseAndStorageAnswer() {
        ApiResponse ready = anonymous.get("/health/ready");

        assertEquals(200, ready.status(), ready::toString);
        assertEquals("ready", ready.json().getString("status"));
    }

    @Test
    void theOpenApiDocumentIsServed() {
        ApiResponse doc = anonymous.get("/api/openapi.yaml");

        assertEquals(200, doc.status(), doc::toString);
        assertTrue(doc.contentType().startsWith("application/yaml"), doc.contentType());
        assertTrue(doc.body().startsWith("openapi: 3."), "not an OpenAPI 3 document");
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRoutesTheServerHas() {
        Set<String> documented = documentedOperations();
        Set<String> routed = routedOperations();

        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> unrouted = new TreeSet<>(documented);
        unrouted.removeAll(routed);
        assertTrue(undocumented.isEmpty() && unrouted.isEmpty(),
                "routes missing from openapi.yaml: " + undocumented + "; documented but not routed: " + unrouted);
    }

    @Test
    void everyDocumentedOperationIsAnsweredByARouteOfTheRunningServer() {
        List<String> unanswered = new ArrayList<>();
        for (String operation : documentedOperations()) {
            String[] parts = operation.split(" ", 2);
            String method = parts[0];
            String path = parts[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            Map<String, String> headers = path.startsWith("/api/uploads")
                    ? Map.of("Tus-Resumable", "1.0.0", "Content-Type", "application/json")
                    : Map.of("Content-Type", "application/json");
            byte[] body = method.equals("POST") || method.equals("PATCH") ? "{}".getBytes() : null;

            ApiResponse response = server.anonymous().send(method, path, headers, body);

            boolean routerNotFound = response.status() == 404
                    && (method.equals("HEAD") || response.body().contains(ROUTER_404));
            if (response.status() == 405 || routerNotFound) {
                unanswered.add(operation + " → " + response);
            }
        }
        assertTrue(unanswered.isEmpty(), "documented but not answered: " + unanswered);
    }

    @Test
    void theDocumentParserFindsTheCoreOperations() {
        // Guards the two tests above against a parser that finds nothing and so compares empty sets.
        Set<String> documented = documentedOperations();

        assertTrue(documented.containsAll(Set.of("POST /api/session", "GET /api/recordings", "PATCH /api/uploads/{uploadId}",
                "DELETE /api/recordings/{recordingId}/shares/{userId}", "GET /health/ready")), documented.toString());
        assertFalse(routedOperations().isEmpty());
    }

    @Test
    void anUnauthenticatedApiCallIs401ProblemJsonNamingTheWayIn() {
        assertProblem(anonymous.get("/api/recordings"), 401, "POST /api/session");
    }

    @Test
    void problemResponsesAreNotCached() {
        ApiResponse response = anonymous.get("/api/no-such-thing");

        assertNotEquals(null, response.header("Cache-Control"));
        assertTrue(response.header("Cache-Control").contains("no-store"));
    }

    // --- the two route lists ----------------------------------------------------------------

    /** "METHOD /path" for every operation under paths: in the served openapi.yaml. */
    private static Set<String> documentedOperations() {
        ApiResponse doc = anonymous.get("/api/openapi.yaml");
        assertEquals(200, doc.status());
        Set<String> operations = new TreeSet<>();
        boolean inPaths = false;
        String path = null;
        for (String line : doc.body().split("\n")) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                inPaths = line.startsWith("paths:");
                path = null;
                continue;
            }
            if (!inPaths) {
                continue;
            }
            Matcher p = PATH_LINE.matcher(line);
            if (p.matches()) {
                path = p.group(1);
                continue;
            }
            Matcher m = METHOD_LINE.matcher(line);
            if (m.matches() && path != null) {
                operations.add(m.group(1).toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return operations;
    }

    /** "METHOD /path" for every route the running application serves, from a router built as it builds its own. */
    private static Set<String> routedOperations() {
        Set<String> operations = new TreeSet<>();
        collect(server.router(), "", operations);
        return operations;
    }

    private static void collect(Router router, String prefix, Set<String> operations) {
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (route.getSubRouter() != null) {
                collect(route.getSubRouter(), prefix + stripTrailingSlash(path), operations);
                continue;
            }
            Set<HttpMethod> methods = route.methods();
            if (path == null || methods == null || methods.isEmpty()) {
                continue; // filters and catch-alls (auth, tus headers, static files), not operations
            }
            String documentedForm = (prefix + path).replaceAll(":(\\w+)", "{$1}");
            if (!route.isExactPath()) {
                documentedForm += "{rest}"; // a trailing '*': the rest of the path, documented as one parameter
            }
            for (HttpMethod method : methods) {
                operations.add(method.name() + " " + documentedForm);
            }
        }
    }

    private static String stripTrailingSlash(String path) {
        return path != null && path.endsWith("/") ? path.substring(0, path.length() - 1) : (path == null ? "" : path);
    }
}
