package org.lessonloop.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lessonloop.database.Database;
import org.lessonloop.storage.ObjectStore;

/**
 * Liveness (the process answers) and readiness: every check answers (PostgreSQL and object storage,
 * and what the node adds: ffmpeg, the change listener, the queue). A failing check makes the node
 * unready (503) and names itself; the others still say what they saw.
 */
final class HealthRoutes {
    private final Map<String, Blocking.Task<Object>> checks = new ConcurrentHashMap<>();

    HealthRoutes(Database database, ObjectStore store) {
        add("database", () -> {
            database.ping();
            return "up";
        });
        add("storage", () -> {
            store.ensureBucket();
            return "up";
        });
    }

    /** {@code check} throws when the node must not get traffic; what it returns shows in the answer. */
    void add(String name, Blocking.Task<Object> check) {
        checks.put(name, check);
    }

    void mount(Router root) {
        root.get("/health/live").handler(ctx -> Responses.send(ctx, 200, new JsonObject().put("status", "up")));
        root.get("/health/ready").handler(this::ready);
    }

    private void ready(RoutingContext ctx) {
        Blocking.call(() -> {
            JsonObject results = new JsonObject();
            StringBuilder failing = new StringBuilder();
            for (var check : new java.util.TreeMap<>(checks).entrySet()) {
                try {
                    results.put(check.getKey(), check.getValue().run());
                } catch (Exception e) {
                    results.put(check.getKey(), "down: " + e.getMessage());
                    failing.append(failing.isEmpty() ? "" : ", ").append(check.getKey());
                }
            }
            return new JsonObject().put("status", failing.isEmpty() ? "ready" : "not ready: " + failing).put("checks", results);
        }).onSuccess(body -> Responses.send(ctx, body.getString("status").equals("ready") ? 200 : 503, body))
                .onFailure(e -> Problems.send(ctx, 503, "Not ready", "The readiness checks could not run: " + e.getMessage()));
    }
}
