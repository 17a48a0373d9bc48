package org.lessonloop.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;

/** Admin-only operator routes: which jobs are dead (or waiting, or running), and retry one. */
public final class JobsRoutes {
    private static final String STATES = Arrays.stream(JobState.values()).map(JobState::code).collect(Collectors.joining(", "));

    private final AdminJobs jobs;

    public JobsRoutes(AdminJobs jobs) {
        this.jobs = jobs;
    }

    public void mount(Router api) {
        api.get("/jobs").handler(this::list);
        api.post("/jobs/:jobId/retry").handler(this::retry);
    }

    /** ?state= one of the states; dead when absent, the ones an operator looks for. */
    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JobState state = state(ctx.queryParams().get("state"));
        Responses.json(ctx, 200, () -> new JsonArray(jobs.list(me, state).stream().map(JobsRoutes::toJson).toList()));
    }

    private void retry(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID jobId = Ids.pathParam(ctx, "jobId");
        Responses.json(ctx, 202, () -> toJson(jobs.retry(me, jobId)));
    }

    private static JobState state(String code) {
        if (code == null) {
            return JobState.DEAD;
        }
        try {
            return JobState.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("'state' must be one of " + STATES + ".");
        }
    }

    public static JsonObject toJson(JobView job) {
        return new JsonObject()
                .put("id", job.id().toString())
                .put("kind", job.kind())
                .put("recordingId", job.recordingId().map(UUID::toString).orElse(null))
                .put("state", job.state().code())
                .put("attempts", job.attempts())
                .put("maxAttempts", job.maxAttempts())
                .put("lastError", job.lastError().orElse(null))
                .put("runAfter", job.runAfter().toString())
                .put("createdAt", job.createdAt().toString())
                .put("updatedAt", job.updatedAt().toString())
                .put("finishedAt", job.finishedAt().map(Instant::toString).orElse(null));
    }
}
