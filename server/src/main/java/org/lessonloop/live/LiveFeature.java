package org.lessonloop.live;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.Sessions;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * The live channel (GET /api/live): one WebSocket per open page, carrying the user's own events
 * and those of the recordings the page follows, whichever node they come from (events/Fanout),
 * for as long as the access policy lets the user see them.
 */
public final class LiveFeature implements Feature {
    private final LiveRoutes routes;

    public LiveFeature(Platform platform, Sessions sessions, AccessPolicy policy, RecordingLifecycle recordings) {
        var sockets = new LiveSockets(platform.vertx(), sessions, policy, recordings, new Frames(platform.clock()),
                LiveSockets.Limits.STANDARD);
        // The public URL is the origin browsers use when a proxy in front rewrites the Host header.
        this.routes = new LiveRoutes(new OriginCheck(platform.config().publicUrl()), sockets);
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        routes.mount(api);
    }
}
