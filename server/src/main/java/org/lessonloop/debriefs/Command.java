package org.lessonloop.debriefs;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.lessonloop.problems.ProblemException;

/**
 * A change of playback asked for by a participant, or made by the room itself ({@code WAIT} while
 * a member buffers, {@code RESUME} once they recovered). {@code basedOnSeq}: the state the sender
 * saw; a command based on an older one than the room's is refused as stale.
 */
record Command(String commandId, Optional<Long> basedOnSeq, Action action, Optional<Long> positionMs, OptionalDouble rate,
               OptionalInt item) {
    static final double SLOWEST = 0.25;
    static final double FASTEST = 2.0;
    /** Longer than any lesson: a position past it is a client's bug. */
    private static final long LONGEST_MS = 24L * 3600 * 1000;

    enum Action {
        PLAY, PAUSE, SEEK, RATE, ITEM, WAIT, RESUME;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Made by the room for a buffering member, not by a person driving: presenter mode does not hold it back. */
        boolean byRoom() {
            return this == WAIT || this == RESUME;
        }
    }

    /** A client's {@code command} frame; throws 400 naming what is wrong. */
    static Command parse(JsonObject frame) {
        String id = frame.getValue("commandId") instanceof String s && s.length() <= 64 ? s : null;
        Action action = switch (frame.getValue("action") instanceof String a ? a : "") {
            case "play" -> Action.PLAY;
            case "pause" -> Action.PAUSE;
            case "seek" -> Action.SEEK;
            case "rate" -> Action.RATE;
            case "item" -> Action.ITEM;
            default -> throw ProblemException.invalid("'action' must be play, pause, seek, rate or item.");
        };
        Optional<Long> basedOnSeq = optionalCount(frame, "basedOnSeq", Long.MAX_VALUE);
        Optional<Long> position = optionalCount(frame, "positionMs", LONGEST_MS);
        if (action == Action.SEEK && position.isEmpty()) {
            throw ProblemException.invalid("A seek needs 'positionMs'.");
        }
        OptionalDouble rate = OptionalDouble.empty();
        if (action == Action.RATE) {
            if (!(frame.getValue("rate") instanceof Number r) || !(r.doubleValue() >= SLOWEST && r.doubleValue() <= FASTEST)) {
                throw ProblemException.invalid("'rate' must be a number from " + SLOWEST + " to " + FASTEST + ".");
            }
            rate = OptionalDouble.of(r.doubleValue());
        }
        OptionalInt item = OptionalInt.empty();
        if (action == Action.ITEM) {
            item = OptionalInt.of(Math.toIntExact(optionalCount(frame, "item", 10_000)
                    .orElseThrow(() -> ProblemException.invalid("An item command needs 'item', the index of the clip to play."))));
        }
        return new Command(id, basedOnSeq, action, position, rate, item);
    }

    /** Made by the room for a member who buffers. */
    static Command internal(Action action, long basedOnSeq) {
        return new Command(null, Optional.of(basedOnSeq), action, Optional.empty(), OptionalDouble.empty(), OptionalInt.empty());
    }

    private static Optional<Long> optionalCount(JsonObject frame, String field, long max) {
        Object value = frame.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 0 && n.longValue() <= max) {
            return Optional.of(n.longValue());
        }
        throw ProblemException.invalid("'" + field + "' must be a whole number from 0 to " + max + ".");
    }
}
