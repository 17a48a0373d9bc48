package org.lessonloop.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves the browser app built into the jar's {@code webroot/}: hashed assets cached for a year,
 * {@code index.html} never cached (so a deploy reaches everyone at their next load), and every
 * other path the app owns ({@code /recordings/…}) answered with {@code index.html}, whose router
 * then shows the page. Every answer carries the app's Content-Security-Policy.
 */
public final class WebApp {
    private static final String WEBROOT = "webroot";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Optional<String> indexHtml;
    private final String contentSecurityPolicy;

    /** {@code storage}: where browsers fetch media themselves (redirect delivery), if they do. */
    public WebApp(Optional<URI> storage) {
        this.indexHtml = resource(WEBROOT + "/index.html");
        this.contentSecurityPolicy = contentSecurityPolicy(storage.map(WebApp::origin));
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /**
     * No inline script or style, nothing from elsewhere: a comment or title that slipped through as
     * markup still cannot run. hls.js runs its demuxer in a worker made from a blob: URL, and plays
     * through MediaSource, whose media URLs are blob: too.
     */
    static String contentSecurityPolicy(Optional<String> storageOrigin) {
        String storage = storageOrigin.map(origin -> " " + origin).orElse("");
        return "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'"
                + "; img-src 'self' data: blob:" + storage
                + "; media-src 'self' blob:" + storage
                + "; connect-src 'self'" + storage
                + "; worker-src 'self' blob:; manifest-src 'self'"
                + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    }

    public void mount(Router root) {
        StaticHandler assets = StaticHandler.create(WEBROOT).setCachingEnabled(true).setMaxAgeSeconds(31536000);
        StaticHandler files = StaticHandler.create(WEBROOT).setCachingEnabled(true).setMaxAgeSeconds(3600);
        // Only reads, and never under /api or /health: unknown API paths stay 404 problems.
        root.routeWithRegex("^/(?!api/|health/).*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::withPolicy);
        root.routeWithRegex("^/assets/.+").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> {
            // Asset names carry a hash of their content, so a name never changes meaning.
            ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set("Cache-Control", IMMUTABLE));
            assets.handle(ctx);
        });
        root.routeWithRegex("^/index\\.html$").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::index);
        // A file at the top (favicon.svg): served as is, 404 when absent rather than the app.
        root.routeWithRegex("^/(?!api/|health/|assets/)[^/]+\\.[a-z0-9]+$").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(files)
                .handler(ctx -> ctx.fail(404));
        root.routeWithRegex("^/(?!api/|health/|assets/).*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::index);
    }

    private void withPolicy(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", contentSecurityPolicy);
        ctx.next();
    }

    private void index(RoutingContext ctx) {
        var response = ctx.response().putHeader("Cache-Control", "no-cache");
        if (indexHtml.isEmpty()) {
            response.setStatusCode(503).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("The web app is not in this build (it was built with -Dweb.skip). The API is at /api.\n");
            return;
        }
        response.putHeader("Content-Type", "text/html; charset=utf-8").end(indexHtml.get());
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
