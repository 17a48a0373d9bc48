package org.lessonloop.accounts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;

/** A person's own security page (sessions, history, password) and the invitation links that open an account. */
final class SecurityRoutes {
    private final AccountUseCases accounts;

    SecurityRoutes(AccountUseCases accounts) {
        this.accounts = accounts;
    }

    void mount(Router api, BodyHandler json) {
        api.get("/me/sessions").handler(this::sessions);
        api.delete("/me/sessions/:sessionId").handler(this::endSession);
        api.get("/me/history").handler(this::history);
        api.post("/me/password").handler(json).handler(this::changePassword);
        api.post("/invitations/check").handler(json).handler(this::checkInvitation);
        api.post("/invitations/accept").handler(json).handler(this::acceptInvitation);
    }

    private void sessions(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> new JsonArray(accounts.sessions().list(me).stream().map(s -> new JsonObject()
                .put("id", s.id().toString())
                .put("device", s.device())
                .put("createdAt", s.createdAt().toString())
                .put("lastSeenAt", s.lastSeenAt().toString())
                .put("current", s.current())).toList()));
    }

    private void endSession(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID sessionId = Ids.pathParam(ctx, "sessionId");
        Responses.json(ctx, 204, () -> {
            accounts.sessions().end(me, sessionId);
            return null;
        });
    }

    private void history(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> new JsonArray(accounts.events().of(me.id()).stream().map(e -> {
            JsonObject line = new JsonObject().put("kind", e.kind()).put("at", e.at().toString());
            e.actorName().ifPresent(name -> line.put("by", name));
            e.device().ifPresent(device -> line.put("device", device));
            return line;
        }).toList()));
    }

    private void changePassword(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, "currentPassword", "newPassword");
        String current = body.requiredSecret("currentPassword", PasswordPolicy.MAX_LENGTH);
        String replacement = body.requiredSecret("newPassword", PasswordPolicy.MAX_LENGTH);
        accounts.changePassword().change(me, current, replacement, accounts.clients().of(ctx.request()), AccountsRoutes.device(ctx))
                .onSuccess(ignored -> Responses.send(ctx, 204, null)).onFailure(ctx::fail);
    }

    private void checkInvitation(RoutingContext ctx) {
        String token = JsonBody.read(ctx, "token").requiredSecret("token", 100);
        Responses.json(ctx, 200, () -> {
            var pending = accounts.acceptInvitation().check(token);
            return new JsonObject()
                    .put("email", pending.user().email())
                    .put("displayName", pending.user().displayName())
                    .put("kind", pending.kind().code())
                    .put("expiresAt", pending.expiresAt().toString());
        });
    }

    private void acceptInvitation(RoutingContext ctx) {
        JsonBody body = JsonBody.read(ctx, "token", "password");
        String token = body.requiredSecret("token", 100);
        String password = body.requiredSecret("password", PasswordPolicy.MAX_LENGTH);
        accounts.acceptInvitation().accept(token, password, AccountsRoutes.device(ctx), SessionAuthHandler.sessionToken(ctx))
                .onSuccess(signedIn -> AccountsRoutes.signedIn(ctx, accounts.auth(), signedIn)).onFailure(ctx::fail);
    }
}
