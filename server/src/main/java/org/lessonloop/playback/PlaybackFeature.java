package org.lessonloop.playback;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.recordings.RecordingLifecycle;

/** Who watched my lesson (issue 12): players report what they play, the owner reads it. */
public final class PlaybackFeature implements Feature {
    private final ReportRate rate;
    private final PlaybackRoutes routes;

    public PlaybackFeature(Platform platform, AccessPolicy policy, RecordingLifecycle recordings, AuditLog audit) {
        this.rate = new ReportRate(platform.clock());
        this.routes = new PlaybackRoutes(new ReportPlayback(policy, recordings, audit.playback(), rate),
                new WatchHistory(policy, audit));
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        routes.mount(api, json);
    }

    @Override
    public void housekeep() {
        rate.forgetIdle();
    }
}
