package org.lessonloop.upload;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.recordings.RecordingCleanup;
import org.lessonloop.recordings.RecordingLifecycle;

/** tus 1.0 resumable uploads of a recording's source into S3 multipart uploads. */
public final class UploadFeature implements Feature {
    private final Uploads uploads;

    /** {@code sourceArrived}: what happens once a recording's whole source is stored (processing is queued). */
    public UploadFeature(Platform platform, AccessPolicy policy, RecordingLifecycle recordings, SourceArrived sourceArrived) {
        var limits = platform.config().uploads();
        this.uploads = new Uploads(platform.db(), platform.store(), policy, recordings, limits.maxFileBytes(), limits.quotaBytes(),
                limits.partBytes(), limits.expiry(), limits.maxUnfinished(), platform.scratch("uploads"), platform.nodeId(), sourceArrived);
    }

    /** What this node's uploads are doing (metrics; a stop waits for cut uploads to store what they received). */
    public UploadTraffic traffic() {
        return uploads.traffic();
    }

    /** Frees a recording's unfinished uploads before it is deleted. */
    public RecordingCleanup cleanup() {
        return uploads.cleanup();
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        new TusRoutes(uploads).mount(api);
    }

    @Override
    public void housekeep() {
        uploads.sweepExpired();
    }
}
