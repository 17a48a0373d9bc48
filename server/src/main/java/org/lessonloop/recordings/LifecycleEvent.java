package org.lessonloop.recordings;

import org.lessonloop.architecture.FeatureApi;

/**
 * What happens to a recording. {@link Lifecycle#next} decides the state each event leads to from
 * the current one; the data an event carries is stored with that state.
 */
@FeatureApi
public sealed interface LifecycleEvent {

    /** A tus upload of the source was created (also when a teacher starts over). */
    record UploadStarted() implements LifecycleEvent {
    }

    /** The teacher terminated the upload, or deleted the recording under it. */
    record UploadAbandoned() implements LifecycleEvent {
    }

    /** Every byte arrived and the assembled object was verified. */
    record UploadCompleted(Recording.Source source) implements LifecycleEvent {
    }

    /**
     * A processing attempt begins, and always starts over at the probe: the first attempt, one
     * after a crash or a failed attempt, or a dead job an operator put back in the queue.
     */
    record ProcessingStarted() implements LifecycleEvent {
    }

    /** The owner asks to process a recording again after its processing failed. */
    record RetryRequested() implements LifecycleEvent {
    }

    /** The source is a usable video with these facts. */
    record Probed(long durationMs, int width, int height, boolean hasAudio) implements LifecycleEvent {
    }

    /** Every rendition, thumbnail, poster and waveform is made, in the job's scratch folder. */
    record Transcoded() implements LifecycleEvent {
    }

    /** Everything is in object storage and the master playlist names it all. */
    record Published() implements LifecycleEvent {
    }

    /** The step under way failed for good (the job died, or the upload expired); the reason is the owner's to read. */
    record Failed(String reason) implements LifecycleEvent {
    }
}
