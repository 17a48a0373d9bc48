package org.lessonloop.media.delivery;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;

/** Playlists, segments and images of a ready recording, through the server (or redirected to storage), access checked per request. */
public final class DeliveryFeature implements Feature {
    private final MediaRoutes routes;

    public DeliveryFeature(Platform platform, AccessPolicy policy, AuditLog audit) {
        this.routes = new MediaRoutes(policy, platform.store(), audit, platform.clock(), platform.config().mediaDelivery());
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        routes.mount(api);
    }
}
