package org.lessonloop.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lessonloop.problems.ProblemException;

/** The next-state function on its own: positions, items and lead times as data. */
class PlaybackTest {
    private static final UUID COACH = UUID.randomUUID();
    private static final List<Item> CLIPS = List.of(
            new Item(0, UUID.randomUUID(), Optional.empty(), "The question", 2_000, Optional.of(4_000L)),
            new Item(1, UUID.randomUUID(), Optional.empty(), "The wait", 10_000, Optional.of(12_000L)));

    @Test
    void aPauseStopsWherePlaybackHadGotAtItsEffectiveTime() {
        RoomState playing = new RoomState(3, 0, 2_000, 1_000, false, 1.5, Optional.empty());
        RoomState paused = Playback.next(playing, command("pause"), CLIPS, COACH, 2_000);
        assertEquals(2_000 + 1_500, paused.positionMs());
        assertTrue(paused.paused());
        assertEquals(4, paused.seq());
        assertEquals(Optional.of(COACH), paused.drivenBy());
    }

    @Test
    void aSeekStaysInsideTheClipAndAnItemStartsAtItsStart() {
        RoomState start = new RoomState(0, 0, 2_000, 0, true, 1, Optional.empty());
        assertEquals(4_000, Playback.next(start, Command.parse(frame("seek").put("positionMs", 99_000)), CLIPS, COACH, 10).positionMs());
        RoomState second = Playback.next(start, Command.parse(frame("item").put("item", 1)), CLIPS, COACH, 10);
        assertEquals(10_000, second.positionMs());
        assertThrows(ProblemException.class, () -> Playback.next(start, Command.parse(frame("item").put("item", 2)), CLIPS, COACH, 10));
    }

    @Test
    void aCommandNeverTakesEffectBeforeTheStateItFollows() {
        RoomState playing = new RoomState(1, 0, 2_000, 5_000, false, 1, Optional.empty());
        RoomState next = Playback.next(playing, command("rate"), CLIPS, COACH, 4_900);
        assertEquals(5_000, next.atServerTime());
        assertEquals(2_000, next.positionMs());
    }

    private static Command command(String action) {
        return Command.parse(action.equals("rate") ? frame(action).put("rate", 2) : frame(action));
    }

    private static JsonObject frame(String action) {
        return new JsonObject().put("action", action).put("commandId", "x");
    }
}
