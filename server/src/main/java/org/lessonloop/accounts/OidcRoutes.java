package org.lessonloop.accounts;

import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with the school's OpenID provider: whether it is offered, the start (which hands the
 * browser the provider's address and a cookie binding the sign-in to it) and the provider's callback,
 * which ends on the app: signed in, or back at sign-in with the reason.
 */
final class OidcRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OidcRoutes.class);
    static final String CALLBACK = "/api/oidc/callback";
    /** Sent back only to the callback; Lax, so the provider's top-level redirect back carries it. */
    static final String FLOW_COOKIE = "lessonloop_oidc";

    private final AccountUseCases accounts;

    OidcRoutes(AccountUseCases accounts) {
        this.accounts = accounts;
    }

    void mount(Router api, BodyHandler json) {
        api.get("/oidc").handler(this::options);
        api.post("/oidc/start").handler(json).handler(this::start);
        api.get("/oidc/callback").handler(this::callback);
    }

    /** Answered 200 either way, for the sign-in page to show the button or not. */
    private void options(RoutingContext ctx) {
        JsonObject body = new JsonObject().put("configured", accounts.oidc().isPresent());
        accounts.oidc().ifPresent(oidc -> body.put("label", oidc.label()));
        Responses.send(ctx, 200, body);
    }

    private void start(RoutingContext ctx) {
        OidcSignIn oidc = configured();
        JsonBody body = JsonBody.read(ctx, "invitation");
        Optional<String> invitation = body.has("invitation") ? Optional.of(body.requiredSecret("invitation", 100)) : Optional.empty();
        URI redirect = redirectUri(ctx);
        Blocking.call(() -> oidc.start(invitation, redirect)).onSuccess(started -> {
            Cookie cookie = accounts.auth().cookie(FLOW_COOKIE, started.state(), CALLBACK).setMaxAge(OidcSignIn.FLOW_TTL.toSeconds());
            ctx.response().addCookie(cookie);
            Responses.send(ctx, 200, new JsonObject().put("location", started.location().toString()));
        }).onFailure(e -> ctx.fail(e instanceof OidcRefusal refusal ? unavailable(refusal) : e));
    }

    /** The provider sends the browser here (OIDC Core §3.1.2.5); the answer sends it on into the app. */
    private void callback(RoutingContext ctx) {
        OidcSignIn oidc = configured();
        var params = ctx.queryParams();
        Cookie flow = ctx.request().getCookie(FLOW_COOKIE);
        var callback = new OidcSignIn.Callback(Optional.ofNullable(params.get("state")), Optional.ofNullable(flow).map(Cookie::getValue),
                Optional.ofNullable(params.get("code")), Optional.ofNullable(params.get("error")));
        String device = AccountsRoutes.device(ctx);
        Optional<String> previous = SessionAuthHandler.sessionToken(ctx);
        ctx.response().addCookie(accounts.auth().cookie(FLOW_COOKIE, "", CALLBACK).setMaxAge(0));
        Blocking.call(() -> oidc.finish(callback, device, previous)).onComplete(result -> {
            if (result.succeeded()) {
                accounts.auth().setCookie(ctx, result.result().token());
                redirect(ctx, "/");
            } else if (result.cause() instanceof OidcRefusal refusal) {
                LOG.info("OIDC sign-in refused ({}): {}", refusal.reason().code(), refusal.getMessage());
                redirect(ctx, "/signin?oidc=" + URLEncoder.encode(refusal.reason().code(), StandardCharsets.UTF_8));
            } else {
                ctx.fail(result.cause());
            }
        });
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }

    private OidcSignIn configured() {
        return accounts.oidc().orElseThrow(() -> ProblemException.notFound(
                "Sign-in with a school account is not set up on this server (LESSONLOOP_OIDC_ISSUER). Sign in with your email and password."));
    }

    /** The configured redirect, else the public URL's callback, else the callback at the address the browser used. */
    private URI redirectUri(RoutingContext ctx) {
        return accounts.oidcRedirect().orElseGet(() -> accounts.publicUrl()
                .orElseGet(() -> URI.create(ctx.request().scheme() + "://" + ctx.request().authority()))
                .resolve(CALLBACK));
    }

    private static ProblemException unavailable(OidcRefusal refusal) {
        LOG.warn("OIDC provider unusable: {}", refusal.getMessage());
        return new ProblemException.Upstream("Sign-in service unavailable", "Your school's sign-in service cannot be reached right now. Try again in a minute, "
                + "or sign in with your email and password.");
    }
}
