package org.lessonloop.annotations;

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

public final class CommentsRoutes {
    /** Plain text with light formatting; the column holds 10,000 characters. */
    static final int MAX_BODY = 10_000;
    private static final int MAX_IDS = 50;

    private final Comments comments;

    CommentsRoutes(Comments comments) {
        this.comments = comments;
    }

    public void mount(Router api, BodyHandler json) {
        api.post("/recordings/:recordingId/comments").handler(json).handler(this::create);
        api.patch("/comments/:commentId").handler(json).handler(this::edit);
        api.delete("/comments/:commentId").handler(this::delete);
        api.post("/comments/:commentId/replies").handler(json).handler(this::reply);
    }

    /** A new thread, or with "parentId" a reply in one. */
    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        JsonBody body = JsonBody.read(ctx, "startMs", "endMs", "body", "visibility", "tagIds", "mentions", "parentId", "drawings");
        Optional<UUID> parentId = body.optionalId("parentId");
        if (parentId.isPresent()) {
            refuseThreadFields(body);
            String text = body.requiredString("body", MAX_BODY);
            List<UUID> mentions = body.idList("mentions", MAX_IDS);
            Responses.json(ctx, 201, () -> AnnotationJson.comment(comments.reply(me, Optional.of(recordingId), parentId.get(), text, mentions)));
            return;
        }
        Visibility visibility = body.optionalEnum("visibility", Visibility.class).orElse(Visibility.SHARED);
        CommentDraft draft = new CommentDraft(body.optionalCount("startMs"), body.optionalCount("endMs"),
                body.requiredString("body", MAX_BODY), body.idList("tagIds", MAX_IDS), body.idList("mentions", MAX_IDS),
                Drawing.parseAll(body.value("drawings"), "drawings"));
        Responses.json(ctx, 201, () -> AnnotationJson.comment(comments.create(me, recordingId, visibility, draft)));
    }

    private void reply(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID parentId = Ids.pathParam(ctx, "commentId");
        JsonBody body = JsonBody.read(ctx, "body", "mentions");
        String text = body.requiredString("body", MAX_BODY);
        List<UUID> mentions = body.idList("mentions", MAX_IDS);
        Responses.json(ctx, 201, () -> AnnotationJson.comment(comments.reply(me, Optional.empty(), parentId, text, mentions)));
    }

    /** Fields left out stay as they are; "endMs": null turns a range into a point. */
    private void edit(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID commentId = Ids.pathParam(ctx, "commentId");
        JsonBody body = JsonBody.read(ctx, "startMs", "endMs", "body", "tagIds", "mentions", "drawings");
        Optional<Long> startMs = body.optionalCount("startMs");
        Optional<Long> endMs = body.optionalCount("endMs");
        Optional<String> text = body.has("body") ? Optional.of(body.requiredString("body", MAX_BODY)) : Optional.empty();
        List<UUID> tagIds = body.idList("tagIds", MAX_IDS);
        List<UUID> mentions = body.idList("mentions", MAX_IDS);
        List<Drawing> drawings = Drawing.parseAll(body.value("drawings"), "drawings");
        Responses.json(ctx, 200, () -> AnnotationJson.comment(comments.edit(me, commentId, current -> new CommentDraft(
                startMs.or(current::startMs),
                body.has("endMs") ? endMs : current.endMs(),
                text.orElse(current.body()),
                body.has("tagIds") ? tagIds : current.tagIds(),
                body.has("mentions") ? mentions : current.mentions(),
                body.has("drawings") ? drawings : current.drawings()))));
    }

    private void delete(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID commentId = Ids.pathParam(ctx, "commentId");
        Responses.json(ctx, 204, () -> {
            comments.delete(me, commentId);
            return null;
        });
    }

    private static void refuseThreadFields(JsonBody body) {
        for (String field : List.of("startMs", "endMs", "visibility", "tagIds", "drawings")) {
            if (body.has(field)) {
                throw org.lessonloop.problems.ProblemException.invalid(
                        "A reply has no '" + field + "' of its own; it belongs to its thread.");
            }
        }
    }
}
