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
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingRepository;
import org.lessonloop.storage.ObjectStore;

/** Cuts a clip out of the recording's original into a standalone MP4, frame-accurate, stored beside the recording. */
public final class ExportClip implements JobHandler {
    public static final String KIND = "clip.export";
    private static final String OUTPUT = "clip.mp4";

    private final ObjectStore store;
    private final RecordingRepository recordings;
    private final ClipExportRepository exports;
    private final RecordingEvents events;
    private final MediaProbe probe;
    private final FfmpegCommands commands;
    private final FfmpegRun ffmpeg;
    private final MediaLimits limits;
    private final SourceFile source;
    private final Path scratchRoot;

    ExportClip(ObjectStore store, RecordingRepository recordings, ClipExportRepository exports, RecordingEvents events,
               FfmpegRun ffmpeg, FfmpegCommands commands, MediaLimits limits, Path scratchRoot) {
        this.store = store;
        this.recordings = recordings;
        this.exports = exports;
        this.events = events;
        this.probe = new MediaProbe(limits);
        this.commands = commands;
        this.ffmpeg = ffmpeg;
        this.limits = limits;
        this.source = new SourceFile(store);
        this.scratchRoot = scratchRoot;
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
        try (ScratchDir scratch = ScratchDir.fresh(scratchRoot, job.id())) {
            source.fetchVerified(original, scratch.resolve(FfmpegCommands.SOURCE));
            MediaInfo info = probe.probe(scratch.resolve(FfmpegCommands.SOURCE));
            ffmpeg.run(new FfmpegRun.Invocation(commands.clip(info, export.startMs(), export.endMs(), OUTPUT), scratch.path(),
                    limits.timeoutFor(export.endMs() - export.startMs()), context::stopRequested, ms -> { }, 0));
            Path file = scratch.resolve(OUTPUT);
            store.put(export.objectKey(), file, "video/mp4");
            exports.ready(clipId, size(file));
        } catch (UnusableMediaException e) {
            throw new PermanentJobFailure(e.getMessage(), e);
        } catch (FfmpegException e) {
            throw new IllegalStateException("We could not cut this clip (" + e.getMessage() + ").", e);
        }
        events.toViewers(export.recordingId(), "clip.exported", new JsonObject().put("clipId", clipId.toString()).put("status", "ready"));
    }

    @Override
    public void onDead(Job job, String reason) {
        UUID clipId = job.subjectId().orElseThrow();
        exports.find(clipId).ifPresent(export -> {
            store.remove(export.objectKey());
            exports.failed(clipId, reason);
            events.toViewers(export.recordingId(), "clip.exported",
                    new JsonObject().put("clipId", clipId.toString()).put("status", "failed").put("reason", reason));
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
