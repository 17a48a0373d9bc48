package org.lessonloop.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.Problems;

/**
 * GET /metrics in Prometheus' text format, for a scraper that passes {@link LessonloopConfig.Operations}'
 * checks: the bearer token and the networks, each when set. With neither set it is not there at all
 * (404): metrics tell who is busy when, which is nobody else's business.
 */
public final class MetricsRoutes {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final LessonloopConfig.Operations operations;
    private final Blocking.Task<?> refresh;

    /** {@code refresh} brings what is read at scrape time (the queue) up to date; it may block. */
    public MetricsRoutes(PrometheusMeterRegistry registry, LessonloopConfig.Operations operations, Blocking.Task<?> refresh) {
        this.registry = registry;
        this.operations = operations;
        this.refresh = refresh;
    }

    public void mount(Router root) {
        root.get("/metrics").handler(this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        if (!operations.metricsOpen()) {
            Problems.send(ctx, 404, "Not found", "Metrics are off: set LESSONLOOP_METRICS_TOKEN or LESSONLOOP_METRICS_NETWORKS.");
            return;
        }
        if (!fromAllowedNetwork(ctx)) {
            Problems.send(ctx, 403, "Forbidden", "Metrics are not served to this network.");
            return;
        }
        if (!tokenMatches(ctx)) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
            Problems.send(ctx, 401, "Unauthorized", "Send the metrics token: Authorization: Bearer <LESSONLOOP_METRICS_TOKEN>.");
            return;
        }
        Blocking.call(() -> {
            refresh.run();
            return registry.scrape();
        }).onSuccess(text -> ctx.response().putHeader("Content-Type", TEXT_FORMAT).putHeader("Cache-Control", "no-store").end(text))
                .onFailure(ctx::fail);
    }

    private boolean fromAllowedNetwork(RoutingContext ctx) {
        if (operations.metricsNetworks().isEmpty()) {
            return true;
        }
        InetAddress remote;
        try {
            // A literal address from the socket: no name lookup happens.
            remote = InetAddress.getByName(ctx.request().remoteAddress().hostAddress());
        } catch (UnknownHostException e) {
            return false;
        }
        return operations.metricsNetworks().stream().anyMatch(network -> network.contains(remote));
    }

    private boolean tokenMatches(RoutingContext ctx) {
        if (operations.metricsToken().isEmpty()) {
            return true;
        }
        String header = ctx.request().getHeader("Authorization");
        String expected = "Bearer " + operations.metricsToken().get();
        // Compared in constant time: the time a wrong guess takes must not tell how much of it was right.
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
