package org.lessonloop.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One HTTP server on one event loop, with a router of its own. Deployed once per event loop, all on
 * one port: Vert.x shares a port among the servers of one instance and hands each new connection
 * to the next of them, so every core serves requests. Created outside a verticle, a single server
 * put every request and every proxied media byte on one thread (vert.x-eventloop-thread-0).
 */
public final class HttpVerticle extends VerticleBase {
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final HttpServerOptions options;
    private final Duration headerTimeout;
    private final Duration grace;
    private final Supplier<Router> router;
    private HttpServer server;

    private HttpVerticle(HttpServerOptions options, Duration headerTimeout, Duration grace, Supplier<Router> router) {
        this.options = options;
        this.headerTimeout = headerTimeout;
        this.grace = grace;
        this.router = router;
    }

    /** Servers of one deployment: their port, and the id that {@link Vertx#undeploy} stops them by. */
    public record Deployment(int port, String id) {
    }

    /**
     * Deploys {@code instances} servers and returns the port they share. Vert.x shares a port only
     * among servers asking for that same port (each asking for port 0 would get one of its own), so
     * for port 0 a free port is found first and all bind it; should another process take it in
     * between, the deployment fails and is tried again on another free port.
     * {@code router} is called once per server, on that server's event loop; each closes connections
     * slower than {@code headerTimeout} to send a request's headers ({@link HeaderTimeout}).
     */
    public static int deploy(Vertx vertx, HttpServerOptions options, Duration headerTimeout, int instances, Supplier<Router> router) {
        return deploy(vertx, options, headerTimeout, instances, Duration.ZERO, router).port();
    }

    /**
     * As {@link #deploy(Vertx, HttpServerOptions, Duration, int, Supplier)}, with servers that, undeployed, take
     * no new connection and give the requests in flight {@code grace} to finish before closing theirs.
     */
    public static Deployment deploy(Vertx vertx, HttpServerOptions options, Duration headerTimeout, int instances, Duration grace,
                                    Supplier<Router> router) {
        for (int attempt = 1; ; attempt++) {
            int port = options.getPort() == 0 ? freePort(options.getHost()) : options.getPort();
            HttpServerOptions shared = new HttpServerOptions(options).setPort(port);
            try {
                String id = vertx.deployVerticle(() -> new HttpVerticle(shared, headerTimeout, grace, router),
                        new DeploymentOptions().setInstances(instances)).await();
                return new Deployment(port, id);
            } catch (Exception e) {
                // Vert.x rethrows a failed listen's BindException undeclared.
                if (options.getPort() != 0 || attempt == FREE_PORT_ATTEMPTS || !(e instanceof BindException)) {
                    throw e;
                }
            }
        }
    }

    private static int freePort(String host) {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + host, e);
        }
    }

    @Override
    public Future<?> start() {
        var timeout = new HeaderTimeout(vertx, headerTimeout);
        server = vertx.createHttpServer(options).connectionHandler(timeout::connected).requestHandler(timeout.around(router.get()));
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server.shutdown(grace);
    }
}
