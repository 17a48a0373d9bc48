package org.lessonloop.debriefs;

import java.util.ArrayDeque;

/**
 * One member's buffering: a stall makes the room wait briefly, but a member who stalls 3 times
 * within a minute is left to catch up (a badge for the others) instead of pausing everyone again,
 * until a minute passes without a stall. (Jellyfin's SyncPlay lets one flaky member pause the room
 * over and over: jellyfin#5619.)
 */
final class Stalls {
    static final long WINDOW_MS = 60_000;
    static final int CATCH_UP_AFTER = 3;

    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private boolean buffering;
    private long since;

    /** Returns whether this changed anything. */
    boolean report(boolean nowBuffering, long now) {
        if (nowBuffering == buffering) {
            return false;
        }
        buffering = nowBuffering;
        if (nowBuffering) {
            since = now;
            recent.add(now);
        }
        return true;
    }

    boolean buffering() {
        return buffering;
    }

    long bufferingSince() {
        return since;
    }

    boolean catchingUp(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() > WINDOW_MS) {
            recent.pollFirst();
        }
        return recent.size() >= CATCH_UP_AFTER;
    }
}
