package org.lessonloop.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.architecture.FeatureApi;

/**
 * Append-only record of who did what to which recording. Every feature writes to it; it depends
 * on none of them, so reading a recording's events (and deciding who may) is the recordings feature's.
 */
@FeatureApi
public final class AuditLog {
    private final AuditRepository events;
    private final PlaybackLog playback;

    public AuditLog(DSLContext db) {
        this.events = new AuditRepository(db);
        this.playback = new PlaybackLog(db);
    }

    public record Event(OffsetDateTime at, UUID actorId, String actorName, String actorRole, String action, UUID subjectUserId,
                        String subjectName, String detail) {
    }

    /** Who played the recording, and for how long. */
    public PlaybackLog playback() {
        return playback;
    }

    public void record(UUID actorId, String action, UUID recordingId, UUID subjectUserId, String detail) {
        events.insert(actorId, action, recordingId, subjectUserId, detail);
    }

    /**
     * Appends the event unless this actor already has one of this action on this recording at or
     * after {@code since}; true when appended. Two calls at the same instant may both append, which
     * only costs a duplicate line.
     */
    public boolean recordUnlessSince(UUID actorId, String action, UUID recordingId, OffsetDateTime since) {
        return events.insertUnlessSince(actorId, action, recordingId, since);
    }

    /** The newest thousand events of a recording, newest first; the caller has checked who may read them. */
    public List<Event> forRecording(UUID recordingId) {
        return events.forRecording(recordingId);
    }

    /**
     * Real deletion of a recording (DESIGN.md §5) takes what its audit says about it along: who
     * watched which parts, clip titles. Call it once the recording's row is gone; the database
     * refuses it before. The line saying the recording was deleted, appended after, stays.
     */
    public void forget(UUID recordingId) {
        playback.forget(recordingId);
        events.forget(recordingId);
    }
}
