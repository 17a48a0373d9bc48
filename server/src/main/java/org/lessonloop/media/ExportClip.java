package org.lessonloop.media;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.jobs.Job;
import org.lessonloop.jobs.JobContext;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.jobs.PermanentJobFailure;
import org.lessonloop.jobs.RetryableJobFailure;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;

/** Cuts a clip out of the recording's original into a standalone MP4, frame-accurate, stored beside the recording. */
public final class ExportClip implements JobHandler {
    public static final String KIND = "clip.export";
    private static final String OUTPUT = "clip.mp4";

    private final MediaTools tools;
    private final RecordingLifecycle recordings;
    private final ClipExportRepository exports;
    private final RecordingEvents events;
    private final MediaLeftovers leftovers;

    ExportClip(MediaTools tools, RecordingLifecycle recordings, ClipExportRepository exports, RecordingEvents events,
               MediaLeftovers leftovers) {
        this.tools = tools;
        this.recordings = recordings;
        this.exports = exports;
        this.events = events;
        this.leftovers = leftovers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(Job job, JobContext context) throws InterruptedException {
        UUID clipId = job.subjectId().orElseThrow();
        ClipExport export = exports.find(clipId).orElse(null);
        if (export == null) {
            return; // the clip was deleted meanwhile
        }
        Recording.Source original = recordings.find(export.recordingId()).flatMap(Recording::source)
                .orElseThrow(() -> new PermanentJobFailure("The recording has no video to cut the clip from."));
        exports.running(clipId);
        try (ScratchDir scratch = tools.scratch(job.id())) {
            MediaInfo info = tools.fetchAndProbe(original, scratch, context);
            tools.run(tools.commands().clip(info, export.startMs(), export.endMs(), OUTPUT), scratch,
                    export.endMs() - export.startMs(), 0, context, ms -> { });
            Path file = scratch.resolve(OUTPUT);
            tools.store().put(export.objectKey(), file, "video/mp4");
            exports.ready(clipId, size(file));
        } catch (FfmpegException e) {
            throw ScratchDir.fullOr(e, () -> new RetryableJobFailure("We could not cut this clip (" + e.getMessage() + ").", e));
        } catch (UncheckedIOException e) {
            throw ScratchDir.fullOr(e, () -> e);
        }
        events.toViewers(export.recordingId(), "clip.exported", new JsonObject().put("clipId", clipId.toString()).put("status", "ready"));
    }

    /** The failure first, then the partial file: storage is often why the job died. */
    @Override
    public void onDead(Job job, String reason) {
        UUID clipId = job.subjectId().orElseThrow();
        exports.find(clipId).ifPresent(export -> {
            exports.failed(clipId, reason);
            events.toViewers(export.recordingId(), "clip.exported",
                    new JsonObject().put("clipId", clipId.toString()).put("status", "failed").put("reason", reason));
            leftovers.ofExport(export);
        });
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
