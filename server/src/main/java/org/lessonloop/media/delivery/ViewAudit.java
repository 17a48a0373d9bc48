package org.lessonloop.media.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.lessonloop.audit.AuditLog;

/**
 * Tells the owner who watched their lesson: one {@code recording.viewed} event when a user loads
 * the master playlist, and no more for that user and recording within {@link #WINDOW}, so a player
 * that reloads or seeks does not flood the audit log.
 */
final class ViewAudit {
    static final String ACTION = "recording.viewed";
    static final Duration WINDOW = Duration.ofMinutes(30);

    private final AuditLog audit;
    private final Clock clock;

    ViewAudit(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    void viewed(UUID userId, UUID recordingId) {
        audit.recordUnlessSince(userId, ACTION, recordingId, OffsetDateTime.now(clock).minus(WINDOW));
    }
}
