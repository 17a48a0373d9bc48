package org.lessonloop.audit;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.problems.ProblemException;

/**
 * Playback sessions as the player reports them: one row per session, which each report (a
 * heartbeat, a pause, the page closing) only grows. Reports repeat what the session watched so
 * far, so a report sent twice, or lost, changes nothing the next one does not put right.
 */
@FeatureApi
public final class PlaybackLog {
    /** Players run at 2× at most; the slack covers a first report sent late and clocks apart. */
    private static final int MAX_RATE = 2;
    private static final Duration SLACK = Duration.ofSeconds(30);

    private final DSLContext db;
    private final PlaybackRepository sessions;

    public PlaybackLog(DSLContext db) {
        this.db = db;
        this.sessions = new PlaybackRepository(db);
    }

    public record Session(UUID id, UUID viewerId, String viewerName, String viewerRole, OffsetDateTime startedAt,
                          OffsetDateTime lastReportAt, long watchedMs, WatchedRanges ranges) {
    }

    /** What a player says one session has watched so far. */
    public record Report(UUID sessionId, UUID recordingId, UUID viewerId, long watchedMs, WatchedRanges ranges) {
    }

    /**
     * Merges the report into its session (made by the first report). The time watched is held to
     * what the wall clock allows since the session started, so a forged report cannot claim hours.
     * A session id already used by someone else, or for another recording, is a conflict.
     */
    public void record(Report report) {
        db.transaction(config -> {
            DSLContext tx = config.dsl();
            OffsetDateTime now = sessions.now(tx);
            var existing = sessions.lock(tx, report.sessionId());
            if (existing.isEmpty()) {
                if (sessions.insert(tx, report.sessionId(), report.recordingId(), report.viewerId(),
                        Math.min(report.watchedMs(), plausibleMs(Duration.ZERO)), report.ranges())) {
                    return;
                }
                existing = sessions.lock(tx, report.sessionId());
            }
            var session = existing.orElseThrow();
            if (!session.viewerId().equals(report.viewerId()) || !session.recordingId().equals(report.recordingId())) {
                throw ProblemException.conflict("This playback session belongs to another viewer or recording; start a new one.");
            }
            long bound = plausibleMs(Duration.between(session.startedAt(), now));
            long watched = Math.max(session.watchedMs(), Math.min(report.watchedMs(), bound));
            sessions.grow(tx, report.sessionId(), now.isBefore(session.lastReportAt()) ? session.lastReportAt() : now,
                    watched, session.ranges().union(report.ranges()));
        });
    }

    private static long plausibleMs(Duration elapsed) {
        return elapsed.plus(SLACK).toMillis() * MAX_RATE;
    }

    /** The newest thousand sessions of a recording, newest first; the caller has checked who may read them. */
    public List<Session> forRecording(UUID recordingId) {
        return sessions.forRecording(recordingId);
    }

    /** Real deletion: the sessions of a recording that no longer exists (the database refuses it otherwise). */
    void forget(UUID recordingId) {
        sessions.forget(recordingId);
    }
}
