package org.lessonloop.media;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * The step a recording's processing is at and its overall percentage, stored for the API and
 * published as {@code recording.processing} events to its viewers and its owner (her library);
 * written at most once per second or per percent, so a long encode does not hammer the database.
 */
final class ProcessingProgress {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final RecordingLifecycle recordings;
    private final RecordingEvents events;
    private final UUID recordingId;
    private final UUID ownerId;
    private String step = "preparing";
    private int from;
    private int to;
    private int lastPercent = -1;
    private long lastWrite;
    private boolean playable;

    ProcessingProgress(RecordingLifecycle recordings, RecordingEvents events, UUID recordingId, UUID ownerId) {
        this.recordings = recordings;
        this.events = events;
        this.recordingId = recordingId;
        this.ownerId = ownerId;
    }

    /** Enters a step that spans {@code from}–{@code to} percent of the whole. */
    void step(String name, int from, int to) {
        this.step = name;
        this.from = from;
        this.to = to;
        write(from, true);
    }

    /** Media time reached within the current step, out of {@code totalMs}. */
    void reached(long ms, long totalMs) {
        double fraction = totalMs <= 0 ? 0 : Math.min(1, (double) ms / totalMs);
        write(from + (int) Math.floor(fraction * (to - from)), false);
    }

    void playable() {
        playable = true;
        write(Math.max(lastPercent, from), true);
        events.toOwnerAndViewers(ownerId, recordingId, "recording.playable", new JsonObject());
    }

    private synchronized void write(int percent, boolean force) {
        long now = System.nanoTime();
        if (!force && (percent <= lastPercent || now - lastWrite < MIN_INTERVAL_NANOS)) {
            return;
        }
        lastPercent = percent;
        lastWrite = now;
        recordings.recordProgress(recordingId, step, percent, playable);
        events.toOwnerAndViewers(ownerId, recordingId, "recording.processing",
                new JsonObject().put("status", "processing").put("step", step).put("progress", percent).put("playable", playable));
    }
}
