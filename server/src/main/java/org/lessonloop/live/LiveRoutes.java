package org.lessonloop.live;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.problems.ProblemException;

/** The live channel's one route: a WebSocket, opened by a signed-in user from one of our own pages. */
public final class LiveRoutes {
    private final OriginCheck origins;
    private final LiveSockets sockets;

    public LiveRoutes(OriginCheck origins, LiveSockets sockets) {
        this.origins = origins;
        this.sockets = sockets;
    }

    public void mount(Router api) {
        api.get("/live").handler(this::open);
    }

    /** Everything is refused before the upgrade, as an HTTP answer: 401, 403, 400. */
    private void open(RoutingContext ctx) {
        CurrentUser user = SessionAuthHandler.requireUser(ctx);
        if (!origins.allows(ctx.request().getHeader("Origin"), ctx.request().authority())) {
            throw ProblemException.forbidden("Only Lessonloop's own pages may open its live channel; this page's origin is "
                    + ctx.request().getHeader("Origin") + ".");
        }
        if (!ctx.request().canUpgradeToWebSocket()) {
            throw ProblemException.invalid("GET /api/live is a WebSocket: open it with new WebSocket(...), not a plain request.");
        }
        String token = SessionAuthHandler.sessionToken(ctx).orElseThrow();
        ctx.request().toWebSocket()
                .onSuccess(ws -> sockets.open(ws, user, token))
                .onFailure(ctx::fail);
    }
}
