package org.lessonloop.accounts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;

/** Sign-in/out, who am I, and the admin's account management. */
public final class AccountsRoutes {
    private final Sessions sessions;
    private final SessionAuthHandler auth;
    private final CreateUser createUser;
    private final UserRepository users;

    public AccountsRoutes(Sessions sessions, SessionAuthHandler auth, CreateUser createUser, UserRepository users) {
        this.sessions = sessions;
        this.auth = auth;
        this.createUser = createUser;
        this.users = users;
    }

    public void mount(Router api, BodyHandler json) {
        api.post("/session").handler(json).handler(this::signIn);
        api.delete("/session").handler(this::signOut);
        api.get("/session").handler(this::session);
        api.get("/me").handler(this::me);
        api.get("/users").handler(this::listUsers);
        api.post("/users").handler(json).handler(this::createUser);
    }

    private void signIn(RoutingContext ctx) {
        JsonBody body = JsonBody.read(ctx, "email", "password");
        String email = body.requiredString("email", 320);
        String password = body.requiredString("password", 1000);
        Optional<String> previous = SessionAuthHandler.sessionToken(ctx);
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        Blocking.call(() -> sessions.signIn(email, password, client, previous)).onSuccess(signedIn -> {
            auth.setCookie(ctx, signedIn.token());
            Responses.send(ctx, 200, meJson(signedIn.user()));
        }).onFailure(ctx::fail);
    }

    private void signOut(RoutingContext ctx) {
        Optional<String> token = SessionAuthHandler.sessionToken(ctx);
        auth.clearCookie(ctx);
        Responses.json(ctx, 204, () -> {
            token.ifPresent(sessions::signOut);
            return null;
        });
    }

    /**
     * Whether anyone is signed in, answered 200 either way: the app asks this first, and a signed-out
     * visitor is no error (a 401 there would be logged as one by every browser).
     */
    private void session(RoutingContext ctx) {
        Optional<CurrentUser> user = SessionAuthHandler.currentUser(ctx);
        JsonObject body = new JsonObject().put("signedIn", user.isPresent());
        user.ifPresent(u -> body.put("user", meJson(u)));
        if (user.isEmpty() && SessionAuthHandler.sessionToken(ctx).isPresent()) auth.clearCookie(ctx); // a stale cookie
        Responses.send(ctx, 200, body);
    }

    private void me(RoutingContext ctx) {
        Responses.send(ctx, 200, meJson(SessionAuthHandler.requireUser(ctx)));
    }

    private void listUsers(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Optional<UserRole> role = Optional.ofNullable(ctx.queryParams().get("role")).map(code -> {
            try {
                return UserRole.fromCode(code);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("'role' must be teacher, coach or admin.");
            }
        });
        // Everyone may look up colleagues of their own organization (to share with a coach): names, emails, roles.
        Responses.json(ctx, 200, () -> new JsonArray(users.listOrganization(me.user().organizationId(), role).stream()
                .map(UserJson::of).toList()));
    }

    private void createUser(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, "email", "displayName", "role", "password");
        var user = new CreateUser.NewUser(
                body.requiredString("email", 320),
                body.requiredString("displayName", 200),
                body.requiredEnum("role", UserRole.class),
                body.requiredString("password", 1000));
        Responses.json(ctx, 201, () -> UserJson.of(createUser.byAdmin(me, user)));
    }

    private static JsonObject meJson(CurrentUser me) {
        return UserJson.of(me.user()).put("csrfToken", me.csrfToken());
    }
}
