package org.lessonloop.media;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.annotations.Clips;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.recordings.RecordingLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The media pipeline (probe, transcode, publish), its retry, and clip exports to MP4: routes here, the work in jobs. */
public final class MediaFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(MediaFeature.class);

    private final Platform platform;
    private final RecordingLifecycle recordings;
    private final JobQueue queue;
    private final Processing processing;
    private final ClipExports clipExports;

    public MediaFeature(Platform platform, AccessPolicy policy, RecordingLifecycle recordings, JobQueue queue, Clips clips,
                        AuditLog audit) {
        this.platform = platform;
        this.recordings = recordings;
        this.queue = queue;
        this.processing = new Processing(platform.db(), queue, policy, recordings);
        this.clipExports = new ClipExports(platform.db(), clips, recordings, queue, audit);
    }

    /** Queues the processing of a recording whose source has just arrived, in the caller's transaction. */
    public void queueProcessing(DSLContext tx, UUID recordingId) {
        processing.enqueue(tx, recordingId);
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        new ProcessingRoutes(processing).mount(api);
        new ClipExportRoutes(clipExports, platform.store()).mount(api);
    }

    /** The handlers of media jobs; only processes that run jobs ask, as only they need ffmpeg (and the libraries it loads). */
    public List<JobHandler> jobHandlers() {
        var config = platform.config();
        var ffmpeg = FfmpegBinary.bundled();
        var encoder = VideoEncoder.available(ffmpeg);
        LOG.info("Using ffmpeg at {} with {}", ffmpeg.executable(), encoder.ffmpegName());
        var limits = MediaLimits.standard();
        var tools = new MediaTools(platform.store(), new FfmpegRun(ffmpeg), new FfmpegCommands(encoder, limits), limits,
                platform.scratch("jobs"));
        var leftovers = new MediaLeftovers(platform.db(), queue, platform.store(), recordings);
        var ladder = new PlanTranscode(config.media().ladder().stream().map(r -> Rendition.forShortSide(r).orElseThrow()).toList());
        return List.of(
                new ProcessRecording(tools, recordings, platform.events(), ladder, leftovers),
                clipExports.handler(tools, platform.events(), leftovers),
                leftovers);
    }
}
