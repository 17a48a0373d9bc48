package org.lessonloop.accounts;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.http.Blocking;
import org.lessonloop.problems.ProblemException;

/**
 * Resolves the session cookie to the signed-in user on every API request and enforces CSRF:
 * a state-changing request from a signed-in user must echo the session's token in X-CSRF-Token.
 */
@FeatureApi
public final class SessionAuthHandler implements Handler<RoutingContext> {
    public static final String COOKIE = "lessonloop_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String USER_KEY = "lessonloop.user";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Sessions sessions;
    private final boolean secureCookies;

    public SessionAuthHandler(Sessions sessions, boolean secureCookies) {
        this.sessions = sessions;
        this.secureCookies = secureCookies;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> token = sessionToken(ctx);
        if (token.isEmpty()) {
            ctx.next();
            return;
        }
        // Hold the body until the route takes it; BodyHandler or the upload stream resumes it.
        ctx.request().pause();
        // Most requests find their session in memory, with no hop off the event loop.
        Optional<CurrentUser> cached = sessions.findCached(token.get());
        if (cached.isPresent()) {
            signedIn(ctx, cached);
            return;
        }
        Blocking.call(() -> sessions.find(token.get())).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            signedIn(ctx, result.result());
        });
    }

    private void signedIn(RoutingContext ctx, Optional<CurrentUser> user) {
        if (user.isPresent() && needsCsrf(ctx) && !csrfMatches(ctx, user.get())) {
            ctx.fail(ProblemException.forbidden("The " + CSRF_HEADER + " header is missing or wrong. Read csrfToken from GET /api/me and send it back."));
            return;
        }
        // "Last seen" for the person's list of sessions; a busy node skips it rather than refuse the request.
        if (user.isPresent() && sessions.dueForTouch(user.get())) {
            Blocking.call(() -> {
                sessions.touch(user.get());
                return null;
            });
        }
        user.ifPresent(u -> ctx.put(USER_KEY, u));
        ctx.next();
    }

    /** The signed-in user, if anyone is. */
    public static Optional<CurrentUser> currentUser(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(USER_KEY));
    }

    /** The signed-in user, or a 401 telling the caller to sign in. */
    public static CurrentUser requireUser(RoutingContext ctx) {
        CurrentUser user = ctx.get(USER_KEY);
        if (user == null) {
            throw ProblemException.unauthorized(sessionToken(ctx).isPresent()
                    ? "Your session has expired. Sign in again."
                    : "Sign in first (POST /api/session).");
        }
        return user;
    }

    public static Optional<String> sessionToken(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    public void setCookie(RoutingContext ctx, String token) {
        ctx.response().addCookie(baseCookie(token).setMaxAge(sessions.ttl().toSeconds()));
    }

    public void clearCookie(RoutingContext ctx) {
        ctx.response().addCookie(baseCookie("").setMaxAge(0));
    }

    private Cookie baseCookie(String value) {
        return cookie(COOKIE, value, "/");
    }

    /** A cookie of ours with the session cookie's protections (HttpOnly, SameSite=Lax, Secure behind HTTPS). */
    Cookie cookie(String name, String value, String path) {
        return Cookie.cookie(name, value)
                .setPath(path)
                .setHttpOnly(true)
                .setSecure(secureCookies)
                .setSameSite(CookieSameSite.LAX);
    }

    /** Signing in again from a stale tab must work; it replaces the session, so it needs no token. */
    private static boolean needsCsrf(RoutingContext ctx) {
        boolean signIn = ctx.request().method() == HttpMethod.POST && "/api/session".equals(ctx.request().path());
        return !SAFE.contains(ctx.request().method()) && !signIn;
    }

    private static boolean csrfMatches(RoutingContext ctx, CurrentUser user) {
        String sent = ctx.request().getHeader(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), user.csrfToken().getBytes(StandardCharsets.UTF_8));
    }
}
