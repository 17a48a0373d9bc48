package org.lessonloop.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.accounts.UserJson;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;

/** Who may see a recording: list, share, revoke (owner only). */
public final class SharesRoutes {
    private final Shares shares;

    public SharesRoutes(Shares shares) {
        this.shares = shares;
    }

    public void mount(Router api, BodyHandler json) {
        api.get("/recordings/:recordingId/shares").handler(this::list);
        api.post("/recordings/:recordingId/shares").handler(json).handler(this::share);
        api.patch("/recordings/:recordingId/shares/:userId").handler(json).handler(this::change);
        api.delete("/recordings/:recordingId/shares/:userId").handler(this::revoke);
    }

    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 200, () -> new JsonArray(shares.list(me, recordingId).stream()
                .map(s -> new JsonObject()
                        .put("user", UserJson.of(s.user()))
                        .put("permission", s.permission())
                        .put("createdAt", s.createdAt().toString())
                        .put("expiresAt", s.expiresAt() == null ? null : s.expiresAt().toInstant().toString()))
                .toList()));
    }

    private void share(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        JsonBody body = JsonBody.read(ctx, "userId", "permission", "expiresAt");
        UUID userId = body.requiredId("userId");
        Grant grant = body.requiredEnum("permission", Grant.class);
        Optional<Instant> expiresAt = body.optionalInstant("expiresAt");
        Responses.json(ctx, 201, () -> {
            shares.grant(me, recordingId, userId, grant, expiresAt);
            return new JsonObject().put("userId", userId.toString()).put("permission", grant.code())
                    .put("expiresAt", expiresAt.map(Instant::toString).orElse(null));
        });
    }

    /** Change a share's permission or its end ({@code "expiresAt": null} removes the end). */
    private void change(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        UUID userId = Ids.pathParam(ctx, "userId");
        JsonBody body = JsonBody.read(ctx, "permission", "expiresAt");
        Optional<Grant> grant = body.optionalEnum("permission", Grant.class);
        Optional<Optional<Instant>> expiresAt = body.has("expiresAt") ? Optional.of(body.optionalInstant("expiresAt")) : Optional.empty();
        if (grant.isEmpty() && expiresAt.isEmpty()) {
            throw ProblemException.invalid("Send 'permission', 'expiresAt' or both.");
        }
        Responses.json(ctx, 204, () -> {
            shares.change(me, recordingId, userId, grant, expiresAt);
            return null;
        });
    }

    private void revoke(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        UUID userId = Ids.pathParam(ctx, "userId");
        Responses.json(ctx, 204, () -> {
            shares.revoke(me, recordingId, userId);
            return null;
        });
    }
}
