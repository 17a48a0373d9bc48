package org.lessonloop.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.lessonloop.problems.ProblemException;

/** Ids in paths and bodies are UUIDs; anything else is a clear 404 (path) or 400 (body). */
public final class Ids {
    private Ids() {
    }

    public static UUID parse(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("'" + field + "' must be an id (UUID).");
        }
    }

    public static UUID pathParam(RoutingContext ctx, String name) {
        String text = ctx.pathParam(name);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound("There is no such " + name.replace("Id", "") + ".");
        }
    }
}
