package org.lessonloop.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Runs a route's blocking work and sends its JSON result (no body → 204). */
public final class Responses {
    private Responses() {
    }

    /**
     * The work returns a JsonObject, a JsonArray, JSON already encoded in a Buffer, or null (204).
     * Encoding happens with the work, off the event loop: a big timeline must not hold up other connections.
     */
    public static void json(RoutingContext ctx, int status, Blocking.Task<?> work) {
        Blocking.call(() -> encode(work.run())).onSuccess(body -> send(ctx, status, body)).onFailure(ctx::fail);
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
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(encode(body));
    }

    private static Buffer encode(Object body) {
        return switch (body) {
            case null -> null;
            case JsonObject object -> object.toBuffer();
            case JsonArray array -> array.toBuffer();
            case Buffer alreadyEncoded -> alreadyEncoded;
            default -> throw new IllegalArgumentException("Not JSON: " + body.getClass());
        };
    }
}
