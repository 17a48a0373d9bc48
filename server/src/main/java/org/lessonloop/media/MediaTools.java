package org.lessonloop.media;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.lessonloop.jobs.JobContext;
import org.lessonloop.jobs.PermanentJobFailure;
import org.lessonloop.jobs.RetryableJobFailure;
import org.lessonloop.recordings.Recording;
import org.lessonloop.storage.ObjectStore;

/**
 * What every media job works with: the job's scratch folder, the verified original in it, what
 * probing says of it, and ffmpeg runs bounded by the limits and stopped with the job.
 */
public record MediaTools(ObjectStore store, FfmpegRun ffmpeg, FfmpegCommands commands, MediaLimits limits, Path scratchRoot) {

    ScratchDir scratch(UUID jobId) {
        return ScratchDir.fresh(scratchRoot, jobId);
    }

    /**
     * Copies the original into the scratch folder (checking its SHA-256) and probes it; a file we
     * cannot use fails the job for good, a probe that crashed or hung fails this attempt only.
     */
    MediaInfo fetchAndProbe(Recording.Source original, ScratchDir scratch, JobContext context) {
        Path file = scratch.resolve(FfmpegCommands.SOURCE);
        new SourceFile(store).fetchVerified(original, file);
        try {
            return new MediaProbe(ffmpeg.binary(), limits).probe(file, context::stopRequested);
        } catch (UnusableMediaException e) {
            throw new PermanentJobFailure(e.getMessage(), e);
        } catch (FfmpegStoppedException e) {
            throw interrupted(e);
        }
    }

    /** Runs ffmpeg in the scratch folder on media of {@code durationMs}; {@code frameRate} as {@link FfmpegRun.Invocation} says. */
    void run(List<String> arguments, ScratchDir scratch, long durationMs, double frameRate, JobContext context, LongConsumer progressMs)
            throws InterruptedException {
        try {
            ffmpeg.run(new FfmpegRun.Invocation(arguments, scratch.path(), limits.timeoutFor(durationMs), context::stopRequested,
                    progressMs, frameRate));
        } catch (FfmpegStoppedException e) {
            throw interrupted(e);
        }
    }

    private static RetryableJobFailure interrupted(FfmpegStoppedException e) {
        return new RetryableJobFailure("Processing was interrupted; it will continue on another attempt", e);
    }
}
