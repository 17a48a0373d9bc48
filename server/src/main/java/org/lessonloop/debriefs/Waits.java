package org.lessonloop.debriefs;

/**
 * The waits one member's buffering causes: buffering for {@link #WAIT_AFTER_MS} makes the playing
 * room wait, until they recover or {@link #WAIT_AT_MOST_MS} pass; a member who keeps stalling
 * ({@link Stalls}) is left to catch up instead. Used on the member's socket context.
 */
final class Waits {
    static final long WAIT_AFTER_MS = 500;
    static final long WAIT_AT_MOST_MS = 5_000;

    /** What the waits act on: the room as this node last heard it, and the socket's own means. */
    interface Member {
        RoomState roomState();

        /** Runs a command the room makes (wait, resume) as this member's. */
        void run(Command command);

        /** Runs the action on the socket's context after the delay. */
        void later(long delayMs, Runnable action);

        /** Buffering or catching up changed: tell everyone. */
        void changed();
    }

    private final Stalls stalls = new Stalls();
    private final Member member;
    private boolean catchingUp;
    /** The seq of the wait this member's buffering caused, while it lasts. */
    private Long waitSeq;

    Waits(Member member) {
        this.member = member;
    }

    boolean buffering() {
        return stalls.buffering();
    }

    boolean catchingUp() {
        return catchingUp;
    }

    /** A {@code status} report. */
    void report(boolean buffering, long now) {
        if (!stalls.report(buffering, now)) {
            return;
        }
        catchingUp = stalls.catchingUp(now);
        member.changed();
        if (buffering && !catchingUp) {
            // Debounced: a stall shorter than this pauses nobody.
            member.later(WAIT_AFTER_MS, () -> {
                RoomState room = member.roomState();
                if (stalls.buffering() && !catchingUp && waitSeq == null && !room.paused()) {
                    member.run(Command.internal(Command.Action.WAIT, room.seq()));
                }
            });
        } else if (!buffering) {
            resume();
        }
    }

    /** The room now waits at this seq for this member. */
    void waiting(long seq) {
        waitSeq = seq;
    }

    /** Every second: a long wait ends; returns whether catching up changed. */
    boolean tick(long now) {
        if (waitSeq != null && now - stalls.bufferingSince() > WAIT_AT_MOST_MS) {
            resume();
        }
        boolean was = catchingUp;
        catchingUp = stalls.catchingUp(now);
        return was != catchingUp;
    }

    /** Based on the wait's seq: if anyone drove meanwhile, the resume is stale and dropped. */
    private void resume() {
        if (waitSeq != null) {
            member.run(Command.internal(Command.Action.RESUME, waitSeq));
            waitSeq = null;
        }
    }
}
