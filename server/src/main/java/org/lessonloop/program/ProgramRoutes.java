package org.lessonloop.program;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Responses;

/** GET /api/program: the admin's aggregate numbers, per school and per coach. */
final class ProgramRoutes {
    private final ProgramNumbers numbers;

    ProgramRoutes(ProgramNumbers numbers) {
        this.numbers = numbers;
    }

    void mount(Router api) {
        api.get("/program").handler(this::program);
    }

    private void program(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> {
            var program = numbers.of(me);
            return new JsonObject()
                    .put("smallestGroup", ProgramNumbers.SMALLEST_GROUP)
                    .put("school", json(program.school()))
                    .put("coaches", new JsonArray(program.coaches().stream().map(ProgramRoutes::json).toList()));
        });
    }

    private static JsonObject json(ProgramNumbers.Group group) {
        JsonObject row = new JsonObject().put("name", group.name()).put("suppressed", group.figures().isEmpty());
        group.coachId().ifPresent(id -> row.put("coachId", id.toString()));
        group.figures().ifPresent(f -> row
                .put("teachers", f.teachers())
                .put("uploads", f.uploads())
                .put("hoursOfVideo", Math.round(f.videoMs() / 360_000.0) / 10.0)
                .put("coachingCycles", f.cycles())
                .put("goalsMet", f.goalsMet())
                .put("debriefsHeld", f.debriefsHeld()));
        return row;
    }
}
