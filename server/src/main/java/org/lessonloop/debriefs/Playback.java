package org.lessonloop.debriefs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.problems.ProblemException;

/**
 * The one function that decides a room's next state from its current one and a command taking
 * effect at server time {@code effectiveAt}. Pure: the repository runs it under the room's row lock.
 */
final class Playback {
    private Playback() {
    }

    static RoomState next(RoomState current, Command command, List<Item> items, UUID by, long effectiveAt) {
        int itemIndex = command.item().orElse(current.item());
        // Items keep their index when a deleted recording takes some of a playlist's clips away.
        Item item = items.stream().filter(i -> i.index() == itemIndex).findFirst()
                .orElseThrow(() -> ProblemException.invalid("'item' must be the index of one of this room's " + items.size() + " item(s)."));
        long here = command.action() == Command.Action.ITEM ? item.startMs() : current.positionAt(effectiveAt);
        long position = item.clamp(command.positionMs().orElse(here));
        boolean paused = switch (command.action()) {
            case PLAY, RESUME -> false;
            case PAUSE, WAIT, ITEM -> true;
            case SEEK, RATE -> current.paused();
        };
        double rate = command.rate().orElse(current.rate());
        return new RoomState(current.seq() + 1, itemIndex, position, effectiveAt, paused, rate, Optional.of(by));
    }
}
