package org.lessonloop.annotations;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;

public final class ClipsRoutes {
    private static final String[] FIELDS = {"title", "note", "startMs", "endMs", "tagIds"};

    private final Clips clips;

    ClipsRoutes(Clips clips) {
        this.clips = clips;
    }

    public void mount(Router api, BodyHandler json) {
        api.get("/recordings/:recordingId/clips").handler(this::list);
        api.post("/recordings/:recordingId/clips").handler(json).handler(this::create);
        api.get("/clips/:clipId").handler(this::get);
        api.patch("/clips/:clipId").handler(json).handler(this::edit);
        api.delete("/clips/:clipId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 200, () -> new JsonArray(clips.list(me, recordingId).stream().map(AnnotationJson::clip).toList()));
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        JsonBody body = JsonBody.read(ctx, FIELDS);
        var draft = new ClipDraft(body.requiredString("title", 200), body.optionalString("note", 2000),
                body.requiredCount("startMs"), body.requiredCount("endMs"), body.idList("tagIds", 50));
        Responses.json(ctx, 201, () -> AnnotationJson.clip(clips.create(me, recordingId, draft)));
    }

    private void get(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID clipId = Ids.pathParam(ctx, "clipId");
        Responses.json(ctx, 200, () -> AnnotationJson.clip(clips.get(me, clipId)));
    }

    /** Fields left out stay as they are; the note can be cleared with null. */
    private void edit(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID clipId = Ids.pathParam(ctx, "clipId");
        JsonBody body = JsonBody.read(ctx, FIELDS);
        Optional<String> title = body.has("title") ? Optional.of(body.requiredString("title", 200)) : Optional.empty();
        Optional<String> note = body.optionalString("note", 2000);
        Optional<Long> startMs = body.optionalCount("startMs");
        Optional<Long> endMs = body.optionalCount("endMs");
        if (body.has("startMs") && startMs.isEmpty() || body.has("endMs") && endMs.isEmpty()) {
            throw ProblemException.invalid("A clip always has 'startMs' and 'endMs'.");
        }
        List<UUID> tagIds = body.idList("tagIds", 50);
        Responses.json(ctx, 200, () -> AnnotationJson.clip(clips.edit(me, clipId, current -> new ClipDraft(
                title.orElse(current.title()),
                body.has("note") ? note : current.note(),
                startMs.orElse(current.startMs()),
                endMs.orElse(current.endMs()),
                body.has("tagIds") ? tagIds : current.tagIds()))));
    }

    private void delete(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID clipId = Ids.pathParam(ctx, "clipId");
        Responses.json(ctx, 204, () -> {
            clips.delete(me, clipId);
            return null;
        });
    }
}
