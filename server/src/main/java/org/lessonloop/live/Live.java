package org.lessonloop.live;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.Sessions;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * The live channel (GET /api/live): one WebSocket per open page, carrying the user's own events
 * and those of the recordings the page follows, whichever node they come from (events/Fanout),
 * for as long as the access policy lets the user see them.
 */
public final class Live {
    private final LiveRoutes routes;

    /** {@code publicUrl}: the origin browsers use when a proxy in front rewrites the Host header. */
    public Live(Vertx vertx, Sessions sessions, AccessPolicy policy, RecordingLifecycle recordings, Optional<URI> publicUrl,
                Clock clock) {
        var sockets = new LiveSockets(vertx, sessions, policy, recordings, new Frames(clock), LiveSockets.Limits.STANDARD);
        this.routes = new LiveRoutes(new OriginCheck(publicUrl), sockets);
    }

    public void mount(Router api, BodyHandler json) {
        routes.mount(api);
    }
}
