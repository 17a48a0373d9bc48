package org.lessonloop.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;
import org.lessonloop.database.Database;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.storage.ObjectStore;

/**
 * Assembles the HTTP surface: security headers, health, the API under /api (session first,
 * then each feature's routes), the OpenAPI document, the web app, and one failure handler.
 */
public final class ApiRouter {
    /**
     * What the API answers is data, never a page: nothing in it may run, load or be framed. The
     * web app's pages (WebApp) and the printable summary set their own policy over this one.
     */
    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** A year, as browsers' preload lists expect; only sent where the server is reached over HTTPS. */
    private static final String STRICT_TRANSPORT = "max-age=31536000";

    /** JSON bodies are small; uploads do not go through BodyHandler. */
    private static final long JSON_BODY_LIMIT = 64 * 1024;

    private final Router root;
    private final Router api;
    private final BodyHandler json = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);
    private final String openApi;
    private final WebApp webApp;
    private final boolean https;
    private final HealthRoutes health;

    /** {@code https}: browsers reach the server over HTTPS only (secure cookies), so they are told to keep to it (HSTS). */
    public ApiRouter(Vertx vertx, Handler<RoutingContext> sessionAuth, Database database, ObjectStore store, WebApp webApp,
                     boolean https) {
        this.root = Router.router(vertx);
        this.api = Router.router(vertx);
        this.openApi = resource("/openapi.yaml");
        this.webApp = webApp;
        this.https = https;
        root.route().handler(this::securityHeaders);
        root.route().handler(ApiRouter::decodablePath);
        this.health = new HealthRoutes(database, store);
        health.mount(root);
        api.route().handler(sessionAuth);
        api.get("/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml").end(openApi));
    }

    /** A feature adds its routes to the /api router, with the shared JSON body handler. */
    public void mount(BiConsumer<Router, BodyHandler> feature) {
        feature.accept(api, json);
    }

    /** Routes outside /api (operations' own: /metrics), ahead of the web app; health checks stay ahead of them. */
    public void mountRoot(java.util.function.Consumer<Router> routes) {
        routes.accept(root);
    }

    /** Another check /health/ready runs: it throws when this node must not get traffic (see HealthRoutes). */
    public void readiness(String name, Blocking.Task<Object> check) {
        health.add(name, check);
    }

    public Router build() {
        root.route("/api/*").subRouter(api);
        webApp.mount(root);
        return operationsOnly();
    }

    /** Health and what {@link #mountRoot} added (/metrics) only: what a worker serves, which has no API nor pages. */
    public Router operationsOnly() {
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            root.errorHandler(status, Problems::handleFailure);
        }
        root.route().failureHandler(Problems::handleFailure);
        api.route().failureHandler(Problems::handleFailure);
        return root;
    }

    /**
     * On every answer, errors included. API answers (media among them, and its redirects to storage)
     * send no referrer at all: a page's address never reaches storage or anyone else.
     */
    private void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY)
                .putHeader("Referrer-Policy", ctx.request().path().startsWith("/api/") ? "no-referrer" : "same-origin");
        if (https) {
            ctx.response().putHeader("Strict-Transport-Security", STRICT_TRANSPORT);
        }
        ctx.next();
    }

    /** Routing decodes the path: a malformed escape ({@code /api/%zz}) is the client's mistake, not a 500. */
    private static void decodablePath(RoutingContext ctx) {
        try {
            ctx.normalizedPath();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("The path is not valid percent-encoding (RFC 3986): " + e.getMessage() + ".");
        }
        ctx.next();
    }

    private static String resource(String name) {
        try (InputStream in = ApiRouter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
