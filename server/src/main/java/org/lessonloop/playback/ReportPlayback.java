package org.lessonloop.playback;

import java.util.List;
import java.util.UUID;
import org.lessonloop.access.Access;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.audit.PlaybackLog;
import org.lessonloop.audit.WatchedRanges;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * A viewer's player reports a playback session: the ranges of media time played and the time
 * spent playing. Access is checked on every report, so a revoked or lapsed share stops the
 * record as it stops the segments. The owner watching her own lesson is not recorded.
 */
final class ReportPlayback {
    /** Segment boundaries and the player's clock may end a range a little past the stated duration. */
    private static final long DURATION_TOLERANCE_MS = 1_000;

    private final AccessPolicy policy;
    private final RecordingLifecycle recordings;
    private final PlaybackLog log;
    private final ReportRate rate;

    ReportPlayback(AccessPolicy policy, RecordingLifecycle recordings, PlaybackLog log, ReportRate rate) {
        this.policy = policy;
        this.recordings = recordings;
        this.log = log;
        this.rate = rate;
    }

    void report(CurrentUser viewer, UUID recordingId, UUID sessionId, long watchedMs, List<long[]> ranges) {
        Access access = policy.require(viewer, recordingId, Permission.VIEW);
        rate.take(viewer.id());
        long durationMs = recordings.find(recordingId).flatMap(r -> r.media().durationMs())
                .orElseThrow(() -> ProblemException.conflict("This recording cannot be played yet, so there is nothing to report."));
        WatchedRanges watched = validRanges(ranges, durationMs);
        if (access == Access.OWNER) {
            return;
        }
        log.record(new PlaybackLog.Report(sessionId, recordingId, viewer.id(), watchedMs, watched));
    }

    private static WatchedRanges validRanges(List<long[]> ranges, long durationMs) {
        var valid = new java.util.ArrayList<WatchedRanges.Range>();
        for (long[] range : ranges) {
            if (range[1] <= range[0]) {
                throw ProblemException.invalid("A watched range must end after it starts: [" + range[0] + ", " + range[1] + "].");
            }
            if (range[1] > durationMs + DURATION_TOLERANCE_MS) {
                throw ProblemException.invalid("A watched range ends at " + range[1] + " ms, past the recording's end ("
                        + durationMs + " ms).");
            }
            if (range[0] < durationMs) {
                valid.add(new WatchedRanges.Range(range[0], Math.min(range[1], durationMs)));
            }
        }
        return WatchedRanges.none().union(new WatchedRanges(valid));
    }
}
