package org.lessonloop.media;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.jobs.Job;
import org.lessonloop.jobs.JobContext;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.jobs.PermanentJobFailure;
import org.lessonloop.jobs.RetryableJobFailure;
import org.lessonloop.recordings.LifecycleEvent;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.recordings.RecordingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an uploaded source into what the player needs: probe, plan, copy or encode the HLS
 * ladder, thumbnails, poster and waveform, publish them, then ready. The recording moves through
 * the lifecycle's steps as it goes (probing, transcoding, publishing), so a failure names its step;
 * the quick playable copy of the remux path is published while transcoding, as part of that step.
 * Idempotent: an attempt starts by clearing the previous attempt's outputs, and the scratch folder
 * is the job's own.
 */
public final class ProcessRecording implements JobHandler {
    public static final String KIND = "media.process";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRecording.class);
    private static final int PEAKS_SAMPLES_PER_PIXEL = 800; // 10 peaks a second at 8 kHz

    private final MediaTools tools;
    private final FfmpegCommands commands;
    private final RecordingLifecycle recordings;
    private final RecordingEvents events;
    private final PlanTranscode planner;
    private final MediaOutputs outputs;
    private final MediaLeftovers leftovers;

    public ProcessRecording(MediaTools tools, RecordingLifecycle recordings, RecordingEvents events, PlanTranscode planner,
                            MediaLeftovers leftovers) {
        this.tools = tools;
        this.commands = tools.commands();
        this.recordings = recordings;
        this.events = events;
        this.planner = planner;
        this.outputs = new MediaOutputs(tools.store());
        this.leftovers = leftovers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(Job job, JobContext context) throws InterruptedException {
        UUID id = job.recordingId().orElseThrow();
        Recording recording = recordings.find(id).orElse(null);
        Optional<Recording.Source> source = Optional.ofNullable(recording).flatMap(Recording::source);
        if (source.isEmpty() || recordings.tryMove(id, new LifecycleEvent.ProcessingStarted()).isEmpty()) {
            LOG.info("Recording {} is gone or not processable; nothing to do", id);
            return;
        }
        ProcessingProgress progress = new ProcessingProgress(recordings, events, id, recording.ownerId());
        try (ScratchDir scratch = tools.scratch(job.id())) {
            progress.step("preparing", 0, 5);
            MediaInfo info = tools.fetchAndProbe(source.get(), scratch, context);
            if (!advance(id, new LifecycleEvent.Probed(info.durationMs(), info.video().displayWidth(),
                    info.video().displayHeight(), info.hasAudio()))) {
                return;
            }
            TranscodePlan plan = planner.plan(info);
            LOG.info("Recording {}: {} → {}", id, info, plan);
            outputs.clear(id);
            List<String> masters = new ArrayList<>();
            if (plan.remux().isPresent()) {
                progress.step("making playable", 5, 15);
                run(commands.remux(plan), scratch, plan.durationMs(), 0, context, progress);
                masters.add(takeMaster(scratch));
                outputs.publish(id, scratch.path(), MediaOutputs.filesUnder(scratch.path(), plan.remux().get().folder()));
                publishMaster(id, scratch, masters);
                progress.playable();
            }
            progress.step(plan.renditions().isEmpty() ? "making thumbnails" : "transcoding", plan.remux().isPresent() ? 15 : 5, 92);
            run(commands.encode(plan), scratch, plan.durationMs(), Double.parseDouble(plan.frameRate()), context, progress);
            if (!plan.renditions().isEmpty()) {
                masters.add(takeMaster(scratch));
            }
            progress.step("finishing", 92, 99);
            run(commands.spriteSheets(plan.sprites()), scratch, 0, 0, context, progress);
            run(commands.poster(plan, "poster.jpg"), scratch, 0, 0, context, progress);
            List<Path> timelineAssets = makeTimelineAssets(plan, scratch);
            checkNotCutOff(plan, scratch);
            if (!advance(id, new LifecycleEvent.Transcoded())) {
                return;
            }
            outputs.publish(id, scratch.path(), timelineAssets);
            for (TranscodePlan.Target target : plan.renditions()) {
                outputs.publish(id, scratch.path(), MediaOutputs.filesUnder(scratch.path(), target.rendition().folder()));
            }
            publishMaster(id, scratch, masters);
        } catch (FfmpegException e) {
            LOG.warn("ffmpeg failed on recording {}:\n{}", id, e.stderrTail());
            throw ScratchDir.fullOr(e, () -> new RetryableJobFailure("We could not convert this video; the file may be damaged ("
                    + e.getMessage() + ").", e));
        } catch (UncheckedIOException e) {
            throw ScratchDir.fullOr(e, () -> e);
        }
        if (advance(id, new LifecycleEvent.Published())) {
            events.toOwnerAndViewers(recording.ownerId(), id, "recording.processing",
                    new JsonObject().put("status", "ready").put("progress", 100).put("playable", true));
        }
    }

    /** The failure first: storage is often why the job died, and the owner must see it and be able to retry. */
    @Override
    public void onDead(Job job, String reason) {
        UUID id = job.recordingId().orElseThrow();
        recordings.tryMove(id, new LifecycleEvent.Failed(reason)).ifPresent(failed -> events.toOwnerAndViewers(
                failed.ownerId(), id, "recording.processing",
                new JsonObject().put("status", "failed")
                        .put("failedStep", failed.state().failedStep().map(RecordingState.Step::code).orElse(null))
                        .put("reason", reason)));
        leftovers.ofProcessing(id);
    }

    /**
     * Moves the recording to its next step; false when it moved on without this attempt (deleted,
     * or processing restarted meanwhile): the attempt then stops and leaves nothing behind.
     */
    private boolean advance(UUID id, LifecycleEvent event) {
        if (recordings.tryMove(id, event).isPresent()) {
            return true;
        }
        LOG.info("Recording {} moved on without this attempt; it stops at {}", id, event);
        outputs.clear(id);
        return false;
    }

    private void run(List<String> arguments, ScratchDir scratch, long durationMs, double frameRate, JobContext context,
                     ProcessingProgress progress) throws InterruptedException {
        tools.run(arguments, scratch, durationMs, frameRate, context, ms -> progress.reached(ms, durationMs));
    }

    /** ffmpeg writes master.m3u8 in every HLS run; keep each run's text and remove the file before the next. */
    private static String takeMaster(ScratchDir scratch) {
        Path master = scratch.resolve(FfmpegCommands.MASTER);
        try {
            String text = Files.readString(master);
            Files.delete(master);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The master playlist naming every variant published so far; written last, so it never names a missing one. */
    private void publishMaster(UUID id, ScratchDir scratch, List<String> masters) {
        try {
            Files.writeString(scratch.resolve(FfmpegCommands.MASTER), MasterPlaylist.merge(masters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outputs.publish(id, scratch.path(), List.of(Path.of(FfmpegCommands.MASTER)));
    }

    /** The thumbnail track and waveform peaks, written to the scratch folder beside the poster and sprites: the files to publish. */
    private static List<Path> makeTimelineAssets(TranscodePlan plan, ScratchDir scratch) {
        int sheets = (int) IntStream.iterate(0, i -> i + 1).takeWhile(i -> Files.exists(scratch.resolve("sprite_" + i + ".jpg"))).count();
        try {
            Files.writeString(scratch.resolve("thumbnails.vtt"), ThumbnailTrack.vtt(plan.sprites(), plan.durationMs(), sheets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>(List.of(Path.of("poster.jpg"), Path.of("thumbnails.vtt")));
        IntStream.range(0, sheets).forEach(i -> files.add(Path.of("sprite_" + i + ".jpg")));
        if (plan.audio()) {
            new WaveformPeaks(FfmpegCommands.PCM_SAMPLE_RATE, PEAKS_SAMPLES_PER_PIXEL)
                    .write(scratch.resolve(FfmpegCommands.PCM), scratch.resolve("peaks.json"));
            files.add(Path.of("peaks.json"));
        }
        return files;
    }

    /**
     * A container without an index (or a damaged one) can end early without ffmpeg failing: compare
     * what was encoded with what the file declared.
     */
    private static void checkNotCutOff(TranscodePlan plan, ScratchDir scratch) {
        if (plan.durationMs() < 5_000) {
            return;
        }
        String folder = plan.renditions().isEmpty() ? plan.remux().orElseThrow().folder() : plan.renditions().getFirst().rendition().folder();
        double seconds;
        try {
            seconds = HlsPlaylist.parse(Files.readString(scratch.resolve(folder).resolve("index.m3u8"))).totalSeconds();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (seconds * 1000 < plan.durationMs() * 0.9) {
            throw new PermanentJobFailure("The recording is cut off at " + Timecode.of((long) (seconds * 1000))
                    + " of " + Timecode.of(plan.durationMs()) + ": the rest of the file is missing or damaged. "
                    + "Please upload the complete file again.");
        }
    }
}
