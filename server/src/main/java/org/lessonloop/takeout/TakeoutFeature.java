package org.lessonloop.takeout;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.annotations.TimelineDocuments;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.goals.Goals;
import org.lessonloop.media.ClipExportFiles;
import org.lessonloop.recordings.RecordingLifecycle;

/** A person downloads all their data (recordings they own, comments, clips, goals, audit) as one streamed ZIP. */
public final class TakeoutFeature implements Feature {
    private final TakeoutRoutes routes;

    public TakeoutFeature(Platform platform, RecordingLifecycle recordings, TimelineDocuments timelines, Goals goals, AuditLog audit) {
        var archive = new TakeoutArchive(platform.store(), timelines, new ClipExportFiles(platform.db()), goals, audit);
        this.routes = new TakeoutRoutes(recordings, archive);
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        routes.mount(api);
    }
}
