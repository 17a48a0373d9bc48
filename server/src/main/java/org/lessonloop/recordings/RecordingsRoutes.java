package org.lessonloop.recordings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;

public final class RecordingsRoutes {
    private static final String[] FIELDS = {"title", "lessonDate", "subject", "grade"};

    private final Recordings recordings;

    public RecordingsRoutes(Recordings recordings) {
        this.recordings = recordings;
    }

    public void mount(Router api, BodyHandler json) {
        api.get("/recordings").handler(this::list);
        api.post("/recordings").handler(json).handler(this::create);
        api.get("/recordings/:recordingId").handler(this::get);
        api.patch("/recordings/:recordingId").handler(json).handler(this::update);
        api.delete("/recordings/:recordingId").handler(this::delete);
        api.get("/recordings/:recordingId/audit").handler(this::auditTrail);
    }

    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> new JsonArray(recordings.list(me).stream().map(RecordingsRoutes::toJson).toList()));
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, FIELDS);
        var details = new RecordingDetails(
                body.requiredString("title", 200),
                body.optionalDate("lessonDate"),
                body.optionalString("subject", 100),
                body.optionalString("grade", 50));
        Responses.json(ctx, 201, () -> toJson(recordings.create(me, details)));
    }

    private void get(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 200, () -> toJson(recordings.get(me, id)));
    }

    private void update(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "recordingId");
        JsonBody body = JsonBody.read(ctx, FIELDS);
        Optional<String> title = body.has("title") ? Optional.of(body.requiredString("title", 200)) : Optional.empty();
        Optional<Optional<LocalDate>> lessonDate = body.has("lessonDate") ? Optional.of(body.optionalDate("lessonDate")) : Optional.empty();
        Optional<Optional<String>> subject = body.has("subject") ? Optional.of(body.optionalString("subject", 100)) : Optional.empty();
        Optional<Optional<String>> grade = body.has("grade") ? Optional.of(body.optionalString("grade", 50)) : Optional.empty();
        var patch = new RecordingPatch(title, lessonDate, subject, grade);
        Responses.json(ctx, 200, () -> toJson(recordings.update(me, id, patch)));
    }

    private void delete(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 204, () -> {
            recordings.delete(me, id);
            return null;
        });
    }

    /** The owner reads who did what with their lesson. */
    private void auditTrail(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 200, () -> new JsonArray(recordings.auditTrail(me, id).stream().map(RecordingsRoutes::toJson).toList()));
    }

    static JsonObject toJson(RecordingRepository.Visible visible) {
        Recording r = visible.recording();
        return new JsonObject()
                .put("id", r.id().toString())
                .put("ownerId", r.ownerId().toString())
                .put("ownerName", visible.ownerName())
                .put("title", r.title())
                .put("lessonDate", r.lessonDate().map(LocalDate::toString).orElse(null))
                .put("subject", r.subject().orElse(null))
                .put("grade", r.grade().orElse(null))
                .put("status", r.status().code())
                .put("failedStep", r.state().failedStep().map(RecordingState.Step::code).orElse(null))
                .put("statusReason", r.statusReason().orElse(null))
                .put("source", r.source().map(s -> new JsonObject()
                        .put("filename", s.filename())
                        .put("size", s.size())
                        .put("sha256", s.sha256())).orElse(null))
                .put("media", mediaJson(r.media()))
                .put("upload", visible.upload().map(u -> new JsonObject()
                        .put("offset", u.offset())
                        .put("length", u.length())).orElse(null))
                .put("access", visible.access())
                .put("shareEndsAt", visible.firstShareEnd().map(end -> end.toInstant().toString()).orElse(null))
                .put("createdAt", r.createdAt().toString())
                .put("updatedAt", r.updatedAt().toString());
    }

    private static JsonObject toJson(AuditLog.Event e) {
        return new JsonObject()
                .put("at", e.at().toString())
                .put("actorId", e.actorId() == null ? null : e.actorId().toString())
                .put("actorName", e.actorName())
                .put("action", e.action())
                .put("subjectUserId", e.subjectUserId() == null ? null : e.subjectUserId().toString())
                .put("detail", e.detail());
    }

    private static JsonObject mediaJson(Recording.Media m) {
        return new JsonObject()
                .put("durationMs", m.durationMs().orElse(null))
                .put("width", m.width().orElse(null))
                .put("height", m.height().orElse(null))
                .put("hasAudio", m.hasAudio().orElse(null))
                .put("playable", m.playable())
                .put("step", m.step().orElse(null))
                .put("progress", m.progress().orElse(null));
    }
}
