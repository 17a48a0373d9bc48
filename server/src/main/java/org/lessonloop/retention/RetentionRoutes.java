package org.lessonloop.retention;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;

/** The admin's retention policy, a teacher's retention notices and her "keep". */
final class RetentionRoutes {
    private final Retention retention;

    RetentionRoutes(Retention retention) {
        this.retention = retention;
    }

    void mount(Router api, BodyHandler json) {
        api.get("/retention-policy").handler(this::policy);
        api.put("/retention-policy").handler(json).handler(this::setPolicy);
        api.post("/retention-policy/run").handler(this::run);
        api.get("/me/retention").handler(this::notices);
        api.post("/recordings/:recordingId/keep").handler(this::keep);
    }

    private void policy(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> toJson(retention.policy(me)));
    }

    private void setPolicy(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, "purgeOriginalsDays", "deleteInactiveDays", "warnDays");
        RetentionPolicy policy = RetentionPolicy.validated(body.optionalCount("purgeOriginalsDays"),
                body.optionalCount("deleteInactiveDays"), body.optionalCount("warnDays"));
        Responses.json(ctx, 200, () -> toJson(retention.setPolicy(me, policy)));
    }

    private void run(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> {
            Retention.Sweep sweep = retention.sweepNow(me);
            return new JsonObject().put("purgesQueued", sweep.purges()).put("deletionsQueued", sweep.deletions());
        });
    }

    private void notices(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> toJson(retention.rulesFor(me)).put("notices", new JsonArray(retention.notices(me).stream()
                .map(n -> new JsonObject()
                        .put("recordingId", n.recordingId().toString())
                        .put("title", n.title())
                        .put("lastActivityAt", n.lastActivityAt().toString())
                        .put("deleteAt", n.deleteAt().toString())).toList())));
    }

    private void keep(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        var recordingId = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 204, () -> {
            retention.keep(me, recordingId);
            return null;
        });
    }

    private static JsonObject toJson(RetentionPolicy policy) {
        return new JsonObject()
                .put("purgeOriginalsDays", policy.purgeOriginalsDays().orElse(null))
                .put("deleteInactiveDays", policy.deleteInactiveDays().orElse(null))
                .put("warnDays", policy.warnDays().orElse(null));
    }
}
