package org.lessonloop.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP on every event loop: one server per loop, one shared port, connections spread over the loops. */
class HttpVerticleTest {
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void serversOnAFreePortShareItAndConnectionsAreServedOnEveryEventLoop() throws IOException {
        int port = HttpVerticle.deploy(vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(0), 4, () -> {
            Router router = Router.router(vertx);
            router.get("/thread").handler(ctx -> ctx.response().end(Thread.currentThread().getName()));
            return router;
        });

        assertTrue(port > 0, "port " + port);
        Set<String> threads = new TreeSet<>();
        for (int i = 0; i < 16; i++) {
            threads.add(getOnNewConnection(port, "/thread"));
        }
        // Vert.x hands each new connection to the next server in turn.
        assertEquals(Set.of("vert.x-eventloop-thread-0", "vert.x-eventloop-thread-1", "vert.x-eventloop-thread-2",
                "vert.x-eventloop-thread-3"), threads);
    }

    @Test
    void aFixedPortIsSharedByEveryServer() throws IOException {
        int free;
        try (var probe = new java.net.ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        int port = HttpVerticle.deploy(vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(free), 4, () -> {
            Router router = Router.router(vertx);
            router.get("/port").handler(ctx -> ctx.response().end("ok"));
            return router;
        });

        assertEquals(free, port);
        assertEquals("ok", getOnNewConnection(port, "/port"));
    }

    /** The body of a GET on a connection of its own (closed after the answer). */
    private static String getOnNewConnection(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
