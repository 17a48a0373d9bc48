package org.lessonloop.playback;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.audit.WatchedRanges;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;

/** The player's playback reports, and the owner's "who watched" history. */
final class PlaybackRoutes {
    /** Ranges a player may send at once; it merges what it played before sending. */
    private static final int MAX_REPORTED_RANGES = 500;

    private final ReportPlayback report;
    private final WatchHistory history;

    PlaybackRoutes(ReportPlayback report, WatchHistory history) {
        this.report = report;
        this.history = history;
    }

    void mount(Router api, BodyHandler json) {
        api.put("/recordings/:recordingId/playback/:sessionId").handler(json).handler(this::report);
        api.get("/recordings/:recordingId/watch-history").handler(this::history);
    }

    /** PUT: the report states the whole session so far, so sending it again changes nothing. */
    private void report(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        UUID sessionId = Ids.pathParam(ctx, "sessionId");
        JsonBody body = JsonBody.read(ctx, "watchedMs", "ranges");
        long watchedMs = body.requiredCount("watchedMs");
        List<long[]> ranges = body.countPairs("ranges", MAX_REPORTED_RANGES);
        Responses.json(ctx, 204, () -> {
            report.report(me, recordingId, sessionId, watchedMs, ranges);
            return null;
        });
    }

    private void history(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 200, () -> new JsonArray(history.of(me, recordingId).stream().map(PlaybackRoutes::toJson).toList()));
    }

    private static JsonObject toJson(WatchHistory.Line line) {
        return switch (line) {
            case WatchHistory.Playback(var s) -> person(s.viewerId(), s.viewerName(), s.viewerRole())
                    .put("kind", "playback")
                    .put("at", s.startedAt().toString())
                    .put("until", s.lastReportAt().toString())
                    .put("watchedMs", s.watchedMs())
                    .put("coveredMs", s.ranges().coveredMs())
                    .put("ranges", new JsonArray(s.ranges().ranges().stream()
                            .map((WatchedRanges.Range r) -> new JsonArray().add(r.startMs()).add(r.endMs())).toList()));
            case WatchHistory.Event(AuditLog.Event e) -> person(e.actorId(), e.actorName(), e.actorRole())
                    .put("kind", "event")
                    .put("at", e.at().toString())
                    .put("action", e.action())
                    .put("subjectName", e.subjectName())
                    .put("detail", e.detail());
        };
    }

    private static JsonObject person(UUID id, String name, String role) {
        return new JsonObject()
                .put("actorId", id == null ? null : id.toString())
                .put("actorName", name)
                .put("actorRole", role);
    }
}
