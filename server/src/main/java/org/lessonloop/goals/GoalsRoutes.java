package org.lessonloop.goals;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;

public final class GoalsRoutes {
    private static final String[] FIELDS = {"statement", "measure", "baseline", "target", "dueDate", "status", "phase"};
    private static final GoalDetails NEW_GOAL = defaults(null);

    private final Goals goals;

    public GoalsRoutes(Goals goals) {
        this.goals = goals;
    }

    public void mount(Router api, BodyHandler json) {
        api.get("/goals").handler(this::list);
        api.post("/goals").handler(json).handler(this::create);
        api.get("/goals/:goalId").handler(this::get);
        api.patch("/goals/:goalId").handler(json).handler(this::update);
        api.post("/goals/:goalId/measurements").handler(json).handler(this::addMeasurement);
    }

    /** ?teacherId= narrows to one teacher's goals. */
    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Optional<UUID> teacherId = Optional.ofNullable(ctx.queryParams().get("teacherId")).map(id -> Ids.parse(id, "teacherId"));
        Responses.json(ctx, 200, () -> new JsonArray(goals.list(me, teacherId).stream().map(GoalJson::goal).toList()));
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        GoalDetails details = patched(JsonBody.read(ctx, FIELDS), NEW_GOAL);
        Responses.json(ctx, 201, () -> GoalJson.goal(goals.create(me, details)));
    }

    /** The goal with its progress series. */
    private void get(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID goalId = Ids.pathParam(ctx, "goalId");
        Responses.json(ctx, 200, () -> GoalJson.goal(goals.get(me, goalId))
                .put("measurements", new JsonArray(goals.measurements(me, goalId).stream().map(GoalJson::measurement).toList())));
    }

    private void update(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID goalId = Ids.pathParam(ctx, "goalId");
        JsonBody body = JsonBody.read(ctx, FIELDS);
        patched(body, defaults("validated before anything is read or written"));
        Responses.json(ctx, 200, () -> GoalJson.goal(goals.update(me, goalId, current -> patched(body, current))));
    }

    private void addMeasurement(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID goalId = Ids.pathParam(ctx, "goalId");
        JsonBody body = JsonBody.read(ctx, "date", "value", "note", "recordingId");
        LocalDate date = body.optionalDate("date").orElseThrow(() -> ProblemException.invalid("'date' is required."));
        var measurement = new Measurement(UUID.randomUUID(), me.id(), date, Measurement.storable(body.requiredNumber("value")),
                body.optionalString("note", 1000), body.optionalId("recordingId"));
        Responses.json(ctx, 201, () -> GoalJson.measurement(goals.addMeasurement(me, goalId, measurement)));
    }

    /**
     * The fields the body names replace those of {@code base}; the others stay. A goal without a
     * statement yet (a new one) must be given one.
     */
    private static GoalDetails patched(JsonBody body, GoalDetails base) {
        return new GoalDetails(
                body.has("statement") || base.statement() == null ? body.requiredString("statement", 1000) : base.statement(),
                body.has("measure") ? body.optionalString("measure", 500) : base.measure(),
                body.has("baseline") ? body.optionalString("baseline", 200) : base.baseline(),
                body.has("target") ? body.optionalString("target", 200) : base.target(),
                body.has("dueDate") ? body.optionalDate("dueDate") : base.dueDate(),
                body.has("status") ? body.requiredEnum("status", GoalDetails.Status.class) : base.status(),
                body.has("phase") ? body.requiredEnum("phase", GoalDetails.Phase.class) : base.phase());
    }

    private static GoalDetails defaults(String statement) {
        return new GoalDetails(statement, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                GoalDetails.Status.ACTIVE, GoalDetails.Phase.IDENTIFY);
    }
}
