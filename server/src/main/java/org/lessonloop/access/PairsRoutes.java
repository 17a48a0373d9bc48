package org.lessonloop.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;

public final class PairsRoutes {
    private final Pairs pairs;

    public PairsRoutes(Pairs pairs) {
        this.pairs = pairs;
    }

    public void mount(Router api, BodyHandler json) {
        api.get("/pairs").handler(this::list);
        api.post("/pairs").handler(json).handler(this::create);
        api.patch("/pairs/:pairId").handler(json).handler(this::setStandingShare);
        api.delete("/pairs/:pairId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> new JsonArray(pairs.list(me).stream().map(PairsRoutes::toJson).toList()));
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, "coachId", "teacherId");
        UUID coachId = body.requiredId("coachId");
        UUID teacherId = body.requiredId("teacherId");
        Responses.json(ctx, 201, () -> toJson(pairs.create(me, coachId, teacherId)));
    }

    /** Body {"standingPermission": "view" | "comment" | null}: the teacher shares all recordings, or stops. */
    private void setStandingShare(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID pairId = Ids.pathParam(ctx, "pairId");
        JsonBody body = JsonBody.read(ctx, "standingPermission");
        if (!body.has("standingPermission")) {
            throw org.lessonloop.problems.ProblemException.invalid("'standingPermission' is required (\"view\", \"comment\" or null).");
        }
        var grant = body.optionalEnum("standingPermission", Grant.class);
        Responses.json(ctx, 200, () -> toJson(pairs.setStandingShare(me, pairId, grant)));
    }

    private void delete(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID pairId = Ids.pathParam(ctx, "pairId");
        Responses.json(ctx, 204, () -> {
            pairs.delete(me, pairId);
            return null;
        });
    }

    private static JsonObject toJson(Pairs.Pair pair) {
        return new JsonObject()
                .put("id", pair.id().toString())
                .put("coachId", pair.coachId().toString())
                .put("teacherId", pair.teacherId().toString())
                .put("standingPermission", pair.standingPermission().orElse(null));
    }
}
