package org.lessonloop.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.lessonloop.testing.ApiResponse;

/** Checks an error response is RFC 9457 problem+json with the expected status and a useful detail. */
public final class ProblemAssert {
    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemAssert() {
    }

    /** Status, content type, body status and a non-blank detail; returns the body for further checks. */
    public static JsonObject assertProblem(ApiResponse response, int status) {
        assertEquals(status, response.status(), () -> "status of " + response);
        String type = response.contentType();
        assertNotNull(type, () -> "no Content-Type on " + response);
        assertTrue(type.startsWith(PROBLEM_JSON), () -> "Content-Type " + type + " on " + response);
        JsonObject body = response.json();
        assertEquals(status, body.getInteger("status"), () -> "body status of " + response);
        assertNotNull(body.getString("title"), () -> "no title in " + response);
        String detail = body.getString("detail");
        assertNotNull(detail, () -> "no detail in " + response);
        assertFalse(detail.isBlank(), () -> "blank detail in " + response);
        return body;
    }

    /** As {@link #assertProblem(ApiResponse, int)}, and the detail mentions {@code fragment} (case-insensitive). */
    public static JsonObject assertProblem(ApiResponse response, int status, String fragment) {
        JsonObject body = assertProblem(response, status);
        String detail = body.getString("detail");
        assertTrue(detail.toLowerCase().contains(fragment.toLowerCase()),
                () -> "detail '" + detail + "' should mention '" + fragment + "'");
        return body;
    }
}
