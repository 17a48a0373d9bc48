package org.lessonloop.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Runs a route's blocking work and sends its JSON result (no body → 204). */
public final class Responses {
    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, Blocking.Task<?> work) {
        Blocking.call(work).onSuccess(body -> send(ctx, status, body)).onFailure(ctx::fail);
    }

    /** A document (CSV, WebVTT, HTML) built by blocking work, sent with its content type and any extra headers. */
    public static void document(RoutingContext ctx, String contentType, java.util.Map<String, String> headers, Blocking.Task<String> work) {
        Blocking.call(work).onSuccess(text -> {
            var response = ctx.response().putHeader("Cache-Control", "no-store").putHeader("Content-Type", contentType);
            headers.forEach(response::putHeader);
            response.end(text);
        }).onFailure(ctx::fail);
    }

    public static void send(RoutingContext ctx, int status, Object body) {
        var response = ctx.response().putHeader("Cache-Control", "no-store");
        if (body == null) {
            response.setStatusCode(204).end();
            return;
        }
        String encoded = switch (body) {
            case JsonObject object -> object.encode();
            case JsonArray array -> array.encode();
            default -> throw new IllegalArgumentException("Not JSON: " + body.getClass());
        };
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(encoded);
    }
}
