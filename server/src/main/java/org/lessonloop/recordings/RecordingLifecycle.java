package org.lessonloop.recordings;

import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.problems.ProblemException;

/**
 * What other features (upload, media, goals) may do with recordings: read one, and move it
 * through its lifecycle. Every move is decided by {@link Lifecycle} and stored only if the
 * recording is still in the state it was decided from. No access checks here: callers have made
 * theirs, or are the system itself (a job).
 */
@FeatureApi
public final class RecordingLifecycle {
    private final RecordingRepository recordings;

    public RecordingLifecycle(RecordingRepository recordings) {
        this.recordings = recordings;
    }

    /** The same operations inside the caller's transaction, to commit together with its own writes. */
    public RecordingLifecycle within(DSLContext tx) {
        return new RecordingLifecycle(new RecordingRepository(tx));
    }

    public Optional<Recording> find(UUID id) {
        return recordings.find(id);
    }

    /** The recordings this person owns, oldest first; none shared with them. */
    public java.util.List<Recording> ownedBy(UUID ownerId) {
        return recordings.ownedBy(ownerId);
    }

    /** Bytes of finished sources a teacher stores, for the upload quota. */
    public long storedBytes(UUID ownerId) {
        return recordings.storedBytes(ownerId);
    }

    /**
     * The recording after {@code event}, or empty when the lifecycle refuses the event in the
     * recording's state, the recording moved meanwhile, or it is gone. For the system's own steps
     * (a job), which then stop quietly.
     */
    public Optional<Recording> tryMove(UUID id, LifecycleEvent event) {
        return recordings.find(id).flatMap(current -> Lifecycle.next(current.state(), event)
                .flatMap(next -> recordings.transition(id, current.state(), next, event)));
    }

    /** As {@link #tryMove}, for a person's request: a refusal says why (conflict), a missing recording is not found. */
    public Recording move(UUID id, LifecycleEvent event) {
        Recording current = existing(id);
        return recordings.transition(id, current.state(), allowedNext(current, event), event)
                .orElseThrow(() -> ProblemException.conflict("The recording changed meanwhile; try again."));
    }

    /**
     * Refuses, as {@link #move} would, an event that cannot happen in the recording's current
     * state: for checking before work that would then be wasted. The move itself checks again.
     */
    public void requireAllowed(UUID id, LifecycleEvent event) {
        allowedNext(existing(id), event);
    }

    private Recording existing(UUID id) {
        return recordings.find(id).orElseThrow(() -> ProblemException.notFound("There is no such recording."));
    }

    private static RecordingState allowedNext(Recording current, LifecycleEvent event) {
        return Lifecycle.next(current.state(), event)
                .orElseThrow(() -> ProblemException.conflict(Lifecycle.refusal(current.state(), event)));
    }

    /** Retention removed the original stored under {@code key}: the row stops naming it (filename, size and checksum stay). */
    public boolean sourcePurged(UUID id, String key, java.time.OffsetDateTime at) {
        return recordings.sourcePurged(id, key, at);
    }

    /** The owner asked to keep the recording: retention counts it as activity. */
    public boolean kept(UUID id, java.time.OffsetDateTime at) {
        return recordings.kept(id, at);
    }

    /** The step and percentage of the processing under way, for the owner's progress bar; ignored once it has ended. */
    public void recordProgress(UUID id, String step, int percent, boolean playable) {
        recordings.recordProgress(id, step, percent, playable);
    }
}
