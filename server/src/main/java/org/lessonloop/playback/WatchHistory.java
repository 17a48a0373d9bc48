package org.lessonloop.playback;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.lessonloop.access.Access;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.audit.PlaybackLog;
import org.lessonloop.problems.ProblemException;

/**
 * What the owner reads under "Who watched my lesson": each playback session with its minutes, and
 * the audit's shares, revocations, exports and the like, newest first. The owner alone: anyone
 * else, the coach it is shared with included, gets the 404 of a recording that does not exist.
 */
final class WatchHistory {
    /** A player opened this long before a reported session is that session, not a line of its own. */
    private static final Duration OPENED_BEFORE_PLAYING = Duration.ofMinutes(30);
    private static final String OPENED = "recording.viewed";

    sealed interface Line permits Playback, Event {
        OffsetDateTime at();
    }

    record Playback(PlaybackLog.Session session) implements Line {
        @Override
        public OffsetDateTime at() {
            return session.startedAt();
        }
    }

    record Event(AuditLog.Event event) implements Line {
        @Override
        public OffsetDateTime at() {
            return event.at();
        }
    }

    private final AccessPolicy policy;
    private final AuditLog audit;

    WatchHistory(AccessPolicy policy, AuditLog audit) {
        this.policy = policy;
        this.audit = audit;
    }

    List<Line> of(CurrentUser owner, UUID recordingId) {
        if (policy.accessTo(owner.id(), recordingId) != Access.OWNER) {
            throw ProblemException.notFound("There is no such recording, or it has not been shared with you.");
        }
        List<PlaybackLog.Session> sessions = audit.playback().forRecording(recordingId);
        List<Line> lines = new ArrayList<>();
        sessions.forEach(session -> lines.add(new Playback(session)));
        audit.forRecording(recordingId).stream()
                .filter(event -> !(OPENED.equals(event.action()) && (owner.id().equals(event.actorId()) || playedAfter(event, sessions))))
                .forEach(event -> lines.add(new Event(event)));
        lines.sort(Comparator.comparing(Line::at).reversed());
        return lines;
    }

    /** The player was opened, then reported what it played: the session says it all. */
    private static boolean playedAfter(AuditLog.Event opened, List<PlaybackLog.Session> sessions) {
        return sessions.stream().anyMatch(s -> s.viewerId().equals(opened.actorId())
                && !s.startedAt().isBefore(opened.at().minusMinutes(1))
                && s.startedAt().isBefore(opened.at().plus(OPENED_BEFORE_PLAYING)));
    }
}
