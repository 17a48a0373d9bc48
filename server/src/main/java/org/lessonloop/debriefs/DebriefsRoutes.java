package org.lessonloop.debriefs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.goals.NextStep;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;
import org.lessonloop.live.OriginCheck;
import org.lessonloop.problems.ProblemException;

/** Debrief rooms (openapi.yaml, /debriefs): make, list, read, end, print, and the room's socket. */
final class DebriefsRoutes {
    private static final Map<String, String> PAGE_HEADERS = Map.of("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    private static final int MAX_STEPS = 10;

    private final Debriefs debriefs;
    private final RoomActions actions;
    private final RoomSockets sockets;
    private final OriginCheck origins;

    DebriefsRoutes(Debriefs debriefs, RoomActions actions, RoomSockets sockets, OriginCheck origins) {
        this.debriefs = debriefs;
        this.actions = actions;
        this.sockets = sockets;
        this.origins = origins;
    }

    void mount(Router api, BodyHandler json) {
        api.post("/debriefs").handler(json).handler(this::create);
        api.get("/debriefs").handler(this::list);
        api.get("/debriefs/:debriefId").handler(this::get);
        api.post("/debriefs/:debriefId/end").handler(json).handler(this::end);
        api.get("/debriefs/:debriefId/summary.html").handler(this::summaryPage);
        api.get("/debriefs/:debriefId/socket").handler(this::socket);
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, "recordingId", "playlistId", "title", "scheduledAt", "presenterMode");
        Optional<UUID> recordingId = body.optionalId("recordingId");
        Optional<UUID> playlistId = body.optionalId("playlistId");
        if (recordingId.isPresent() == playlistId.isPresent()) {
            throw ProblemException.invalid("Name either 'recordingId' or 'playlistId': a debrief reviews one recording or one playlist.");
        }
        Object presenterMode = body.value("presenterMode");
        if (presenterMode != null && !(presenterMode instanceof Boolean)) {
            throw ProblemException.invalid("'presenterMode' must be true or false.");
        }
        var request = new Debriefs.Request(recordingId, playlistId, body.optionalString("title", 200),
                instant(body.optionalString("scheduledAt", 64)), Boolean.TRUE.equals(presenterMode));
        Responses.json(ctx, 201, () -> DebriefJson.debrief(debriefs.create(me, request)));
    }

    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> new JsonArray(debriefs.open(me).stream().map(DebriefJson::debrief).toList()));
    }

    private void get(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "debriefId");
        Responses.json(ctx, 200, () -> DebriefJson.debrief(debriefs.get(me, id)));
    }

    private void end(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "debriefId");
        List<NextStep.Draft> steps = nextSteps(JsonBody.read(ctx, "nextSteps").value("nextSteps"));
        Responses.json(ctx, 200, () -> {
            JsonObject summary = actions.end(me, id, steps);
            sockets.ended(id, summary);
            return summary;
        });
    }

    private void summaryPage(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "debriefId");
        Responses.document(ctx, "text/html; charset=utf-8", PAGE_HEADERS, () -> Summary.html(debriefs.get(me, id).summaryJson()
                .map(JsonObject::new)
                .orElseThrow(() -> ProblemException.conflict("This debrief has not ended yet; its summary is written when it ends."))));
    }

    /** Refused before the upgrade only when signed out or from another site; the room itself answers on the socket (close codes). */
    private void socket(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID id = Ids.pathParam(ctx, "debriefId");
        if (!origins.allows(ctx.request().getHeader("Origin"), ctx.request().authority())) {
            throw ProblemException.forbidden("Only Lessonloop's own pages may open a debrief; this page's origin is "
                    + ctx.request().getHeader("Origin") + ".");
        }
        if (!ctx.request().canUpgradeToWebSocket()) {
            throw ProblemException.invalid("GET /api/debriefs/{id}/socket is a WebSocket: open it with new WebSocket(...).");
        }
        String token = SessionAuthHandler.sessionToken(ctx).orElseThrow();
        ctx.request().toWebSocket().onSuccess(ws -> sockets.open(ws, me, token, id)).onFailure(ctx::fail);
    }

    private static List<NextStep.Draft> nextSteps(Object json) {
        if (json == null) {
            return List.of();
        }
        if (!(json instanceof JsonArray steps) || steps.size() > MAX_STEPS) {
            throw ProblemException.invalid("'nextSteps' must be an array of at most " + MAX_STEPS + " {goalId, text}.");
        }
        List<NextStep.Draft> drafts = new ArrayList<>();
        for (Object step : steps) {
            if (!(step instanceof JsonObject s) || !(s.getValue("goalId") instanceof String goalId)
                    || !(s.getValue("text") instanceof String text) || text.isBlank() || text.length() > NextStep.MAX_BODY) {
                throw ProblemException.invalid("Each next step is {goalId, text} with a text of 1 to " + NextStep.MAX_BODY + " characters.");
            }
            drafts.add(new NextStep.Draft(Ids.parse(goalId, "goalId"), text.strip()));
        }
        return drafts;
    }

    private static Optional<OffsetDateTime> instant(Optional<String> text) {
        try {
            return text.map(t -> Instant.parse(t).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("'scheduledAt' must be an ISO instant such as 2026-12-03T15:30:00Z.");
        }
    }
}
