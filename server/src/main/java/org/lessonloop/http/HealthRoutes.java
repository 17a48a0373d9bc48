package org.lessonloop.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lessonloop.database.Database;
import org.lessonloop.storage.ObjectStore;

/** Liveness (the process answers) and readiness (PostgreSQL and object storage answer). */
final class HealthRoutes {
    private final Database database;
    private final ObjectStore store;

    HealthRoutes(Database database, ObjectStore store) {
        this.database = database;
        this.store = store;
    }

    void mount(Router root) {
        root.get("/health/live").handler(ctx -> Responses.send(ctx, 200, status("up")));
        root.get("/health/ready").handler(this::ready);
    }

    private static io.vertx.core.json.JsonObject status(String value) {
        return new io.vertx.core.json.JsonObject().put("status", value);
    }

    private void ready(RoutingContext ctx) {
        Blocking.call(() -> {
            database.ping();
            store.ensureBucket();
            return status("ready");
        }).onSuccess(body -> Responses.send(ctx, 200, body))
                .onFailure(e -> Problems.send(ctx, 503, "Not ready", "PostgreSQL or object storage is not answering: " + e.getMessage()));
    }
}
