package org.lessonloop.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes an HTTP/1 connection that has not delivered a request's headers within the limit of
 * opening, or of its previous answer ending: a client trickling header bytes (slowloris) keeps a
 * connection busy without ever going silent, so the idle timeout alone does not end it. Vert.x has
 * no such timeout itself, and a server cannot see where a request's first byte arrived, so each
 * connection is looked at a few times per limit: it ends between one limit and one look later.
 * A request being served (an upload, a media stream) is never cut; a WebSocket, which the live
 * channel keeps alive with pings, is left to the idle timeout. The server speaks HTTP/1 only, one
 * request at a time per connection.
 */
public final class HeaderTimeout {
    private static final long LOOKS_PER_LIMIT = 4;

    private final Vertx vertx;
    private final long limitNanos;
    private final long lookEveryMillis;
    private final Map<HttpConnection, Watch> watched = new ConcurrentHashMap<>();

    public HeaderTimeout(Vertx vertx, Duration limit) {
        this.vertx = vertx;
        this.limitNanos = limit.toNanos();
        this.lookEveryMillis = Math.max(100, limit.toMillis() / LOOKS_PER_LIMIT);
    }

    /** For {@code HttpServer.connectionHandler}: called on the connection's event loop as it opens. */
    public void connected(HttpConnection connection) {
        Watch watch = new Watch(connection);
        watched.put(connection, watch);
        watch.timer = vertx.setPeriodic(lookEveryMillis, ignored -> watch.look());
        connection.closeHandler(ignored -> watch.stop());
    }

    /** For {@code HttpServer.requestHandler}: notes each request, whose headers have arrived, then serves it. */
    public Handler<HttpServerRequest> around(Handler<HttpServerRequest> next) {
        return request -> {
            Watch watch = watched.get(request.connection());
            if (watch != null) {
                watch.arrived(request);
            }
            next.handle(request);
        };
    }

    private final class Watch {
        private final HttpConnection connection;
        private long timer;
        private HttpServerRequest current;
        /** When the connection was last seen waiting for a request's headers; -1 while a request is served. */
        private long waitingSince = System.nanoTime();

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void arrived(HttpServerRequest request) {
            if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                stop();
                return;
            }
            current = request;
            waitingSince = -1;
        }

        void look() {
            if (current != null && !current.response().ended()) {
                waitingSince = -1;
            } else if (waitingSince < 0) {
                waitingSince = System.nanoTime();
            } else if (System.nanoTime() - waitingSince >= limitNanos) {
                stop();
                connection.close();
            }
        }

        void stop() {
            vertx.cancelTimer(timer);
            watched.remove(connection);
        }
    }
}
