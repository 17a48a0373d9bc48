package org.lessonloop.media;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.Responses;
import org.lessonloop.recordings.Recording;

/** The owner's "try again" for a recording whose processing failed. */
public final class ProcessingRoutes {
    private final Processing processing;

    public ProcessingRoutes(Processing processing) {
        this.processing = processing;
    }

    public void mount(Router api) {
        api.post("/recordings/:recordingId/processing/retry").handler(this::retry);
    }

    private void retry(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 202, () -> {
            Recording r = processing.retry(me, recordingId);
            return new JsonObject().put("id", r.id().toString()).put("status", r.status().code());
        });
    }
}
