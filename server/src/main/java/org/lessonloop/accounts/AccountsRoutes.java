package org.lessonloop.accounts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;

/** Sign-in/out, who am I, and the admin's account management (invite, reset, sign out everywhere). */
public final class AccountsRoutes {
    private final AccountUseCases accounts;

    AccountsRoutes(AccountUseCases accounts) {
        this.accounts = accounts;
    }

    public void mount(Router api, BodyHandler json) {
        api.post("/session").handler(json).handler(this::signIn);
        api.delete("/session").handler(this::signOut);
        api.get("/session").handler(this::session);
        api.get("/me").handler(this::me);
        api.get("/users").handler(this::listUsers);
        api.post("/users").handler(json).handler(this::invite);
        api.post("/users/:userId/reset").handler(this::reset);
        api.delete("/users/:userId/sessions").handler(this::signOutEverywhere);
        new SecurityRoutes(accounts).mount(api, json);
        new OidcRoutes(accounts).mount(api, json);
    }

    private void signIn(RoutingContext ctx) {
        JsonBody body = JsonBody.read(ctx, "email", "password");
        String email = body.requiredString("email", 320);
        String password = body.requiredSecret("password", PasswordPolicy.MAX_LENGTH);
        accounts.signIn().signIn(email, password, accounts.clients().of(ctx.request()), device(ctx), SessionAuthHandler.sessionToken(ctx))
                .onSuccess(signedIn -> signedIn(ctx, accounts.auth(), signedIn)).onFailure(ctx::fail);
    }

    /** The session's cookie and who it is, as the web app reads it after signing in or accepting an invitation. */
    static void signedIn(RoutingContext ctx, SessionAuthHandler auth, Sessions.SignedIn signedIn) {
        auth.setCookie(ctx, signedIn.token());
        Responses.send(ctx, 200, meJson(signedIn.user()));
    }

    private void signOut(RoutingContext ctx) {
        Optional<String> token = SessionAuthHandler.sessionToken(ctx);
        accounts.auth().clearCookie(ctx);
        Responses.json(ctx, 204, () -> {
            token.ifPresent(accounts.sessions()::signOut);
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
        if (user.isEmpty() && SessionAuthHandler.sessionToken(ctx).isPresent()) accounts.auth().clearCookie(ctx); // a stale cookie
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
        Responses.json(ctx, 200, () -> {
            UUID organization = me.user().organizationId();
            Set<UUID> invited = accounts.users().invitedIn(organization);
            return new JsonArray(accounts.users().listOrganization(organization, role).stream()
                    .map(user -> withStatus(user, invited.contains(user.id()))).toList());
        });
    }

    private void invite(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, "email", "displayName", "role");
        var person = new CreateUser.NewUser(
                body.requiredString("email", 320),
                body.requiredString("displayName", 200),
                body.requiredEnum("role", UserRole.class));
        URI base = base(ctx);
        Responses.json(ctx, 201, () -> issuedJson(accounts.manage().invite(me, person, base)));
    }

    private void reset(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID userId = Ids.pathParam(ctx, "userId");
        URI base = base(ctx);
        Responses.json(ctx, 200, () -> issuedJson(accounts.manage().reset(me, userId, base)));
    }

    private void signOutEverywhere(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID userId = Ids.pathParam(ctx, "userId");
        Responses.json(ctx, 204, () -> {
            accounts.manage().signOutEverywhere(me, userId);
            return null;
        });
    }

    /** Where the person will open the link: the configured public URL, else the address the admin used. */
    private URI base(RoutingContext ctx) {
        return accounts.publicUrl().orElseGet(() -> URI.create(ctx.request().scheme() + "://" + ctx.request().authority()));
    }

    /** The link itself only when it is not mailed: a mailed link the admin also held would let them set the password. */
    private static JsonObject issuedJson(ManageAccounts.Issued issued) {
        JsonObject invitation = new JsonObject().put("expiresAt", issued.expiresAt().toString());
        issued.link().ifPresentOrElse(link -> invitation.put("url", link.toString()),
                () -> invitation.put("sentTo", issued.user().email()));
        return withStatus(issued.user(), true).put("invitation", invitation);
    }

    private static JsonObject withStatus(User user, boolean invited) {
        return UserJson.of(user).put("status", invited ? "invited" : "active");
    }

    static String device(RoutingContext ctx) {
        return Devices.summary(ctx.request().getHeader("User-Agent"));
    }

    private static JsonObject meJson(CurrentUser me) {
        return UserJson.of(me.user()).put("csrfToken", me.csrfToken());
    }
}
