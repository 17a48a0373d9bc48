package org.lessonloop.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpHeaders;

/** One HTTP exchange's result, with JSON accessors for assertions. */
public record ApiResponse(int status, HttpHeaders headers, String body) {
    public JsonObject json() {
        return new JsonObject(body);
    }

    public JsonArray array() {
        return new JsonArray(body);
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
