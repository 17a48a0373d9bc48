package org.lessonloop.annotations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.goals.GoalJson;
import org.lessonloop.http.Ids;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;

/** The player's read model, a goal's evidence, and the exports: CSV, WebVTT, a printable summary. */
public final class TimelineRoutes {
    /** The summary page runs nothing and loads nothing: only its own inline styles. */
    private static final Map<String, String> PAGE_HEADERS = Map.of("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");

    private final Timeline timeline;
    private final GoalEvidence evidence;
    private final AuditLog audit;

    TimelineRoutes(Timeline timeline, GoalEvidence evidence, AuditLog audit) {
        this.timeline = timeline;
        this.evidence = evidence;
        this.audit = audit;
    }

    public void mount(Router api) {
        api.get("/recordings/:recordingId/timeline").handler(this::read);
        api.get("/recordings/:recordingId/comments.csv").handler(ctx -> export(ctx, "text/csv; charset=utf-8", "csv", TimelineExports::csv));
        api.get("/recordings/:recordingId/comments.vtt").handler(ctx -> export(ctx, "text/vtt; charset=utf-8", "vtt", TimelineExports::vtt));
        api.get("/recordings/:recordingId/summary.html").handler(ctx -> export(ctx, "text/html; charset=utf-8", "html", TimelineExports::summary));
        api.get("/goals/:goalId/evidence").handler(this::evidence);
        api.get("/goals/:goalId/evidence.csv").handler(this::evidenceCsv);
    }

    /** ?tag=&author= (ids) and ?kind=comment|note|clip narrow the timeline. */
    private void read(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        TimelineFilter filter = filter(ctx);
        Responses.json(ctx, 200, () -> timeline.json(me, recordingId, filter));
    }

    private void export(RoutingContext ctx, String contentType, String format, Function<Timeline.View, String> writer) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        TimelineFilter filter = filter(ctx);
        Map<String, String> headers = format.equals("html") ? PAGE_HEADERS
                : Map.of("Content-Disposition", "attachment; filename=\"comments." + format + "\"");
        Responses.document(ctx, contentType, headers, () -> {
            String document = writer.apply(timeline.read(me, recordingId, filter));
            audit.record(me.id(), "comments.exported", recordingId, null, format);
            return document;
        });
    }

    private void evidence(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID goalId = Ids.pathParam(ctx, "goalId");
        Responses.json(ctx, 200, () -> {
            GoalEvidence.Evidence found = evidence.of(me, goalId);
            return new JsonObject()
                    .put("goal", GoalJson.goal(found.goal()))
                    .put("comments", new JsonArray(found.comments().stream().map(AnnotationJson::comment).toList()))
                    .put("clips", new JsonArray(found.clips().stream().map(AnnotationJson::clip).toList()))
                    .put("nextSteps", new JsonArray(found.nextSteps().stream().map(GoalJson::nextStep).toList()));
        });
    }

    private void evidenceCsv(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID goalId = Ids.pathParam(ctx, "goalId");
        Responses.document(ctx, "text/csv; charset=utf-8", Map.of("Content-Disposition", "attachment; filename=\"goal-evidence.csv\""),
                () -> evidence.csv(me, goalId));
    }

    private static TimelineFilter filter(RoutingContext ctx) {
        Optional<String> kind = Optional.ofNullable(ctx.queryParams().get("kind"));
        return new TimelineFilter(
                Optional.ofNullable(ctx.queryParams().get("tag")).map(id -> Ids.parse(id, "tag")),
                Optional.ofNullable(ctx.queryParams().get("author")).map(id -> Ids.parse(id, "author")),
                kind.map(k -> java.util.Arrays.stream(TimelineFilter.Kind.values())
                        .filter(known -> known.name().equalsIgnoreCase(k)).findFirst()
                        .orElseThrow(() -> ProblemException.invalid("'kind' must be comment, note or clip."))));
    }
}
