package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CoherentCacheTest {
    private final AtomicBoolean coherent = new AtomicBoolean(true);
    private final List<String> announced = new ArrayList<>();
    private final CoherentCache<String, String, String> cache = new CoherentCache<>(10, 1, String::length, coherent::get, announced::add);

    @Test
    void whatIsPutIsServedUntilItsGroupChanges() {
        cache.slot("recording-1").put("coach", "abc");
        cache.slot("recording-2").put("coach", "de");
        assertEquals("abc", cache.slot("recording-1").get("coach"));

        cache.invalidate("recording-1");

        assertNull(cache.slot("recording-1").get("coach"));
        assertEquals("de", cache.slot("recording-2").get("coach"));
        assertEquals(1 + 1 + 2, cache.weight(), "two slots of weight 1, and 'de'");
    }

    @Test
    void whatWasReadBeforeAChangeIsNeverServedAfterIt() {
        var slotTakenBeforeReading = cache.slot("recording-1");
        cache.invalidate("recording-1"); // a write committed while the reader was reading
        slotTakenBeforeReading.put("coach", "stale");

        assertNull(slotTakenBeforeReading.get("coach"));
        assertNull(cache.slot("recording-1").get("coach"));
        assertEquals(1, cache.weight(), "only the new, empty slot");
    }

    @Test
    void aChangeMadeHereIsDroppedAtOnceAndAnnouncedToTheOtherNodes() {
        cache.slot("recording-1").put("coach", "abc");
        cache.changedHere("recording-1");
        assertNull(cache.slot("recording-1").get("coach"));
        assertEquals(List.of("recording-1"), announced);
    }

    @Test
    void aLoadDuringWhichItsGroupChangesIsNotKept() {
        String read = cache.getOrLoad("recording-1", "coach", () -> {
            cache.invalidate("recording-1"); // a write committed while the load read
            return "stale";
        });
        assertEquals("stale", read, "the caller still gets what it read");
        assertEquals("fresh", cache.getOrLoad("recording-1", "coach", () -> "fresh"));
        assertEquals("fresh", cache.getOrLoad("recording-1", "coach", () -> "not asked"));
    }

    @Test
    void peekingNeitherLoadsNorMakesRoom() {
        assertNull(cache.peek("random-session", "random-session"));
        assertEquals(0, cache.weight());
        cache.getOrLoad("session", "session", () -> "live");
        assertEquals("live", cache.peek("session", "session"));
    }

    @Test
    void aDroppedSlotServesNothingItHeld() {
        var slot = cache.slot("recording-1");
        slot.put("coach", "before");
        cache.invalidate("recording-1");
        assertNull(slot.get("coach"));
    }

    @Test
    void missesAloneCannotGrowTheCache() {
        for (int i = 0; i < 1_000; i++) {
            cache.slot("random-session-" + i);
        }
        assertEquals(true, cache.weight() <= 10, "weight " + cache.weight());
    }

    @Test
    void aChangeToEverythingDropsEveryGroup() {
        cache.slot("recording-1").put("coach", "a");
        cache.slot("recording-2").put("teacher", "b");

        cache.invalidateAll();

        assertNull(cache.slot("recording-1").get("coach"));
        assertNull(cache.slot("recording-2").get("teacher"));
        assertEquals(2, cache.weight(), "only the two new, empty slots");
    }

    @Test
    void nothingIsCachedWhileChangesCannotBeHeard() {
        cache.slot("recording-1").put("coach", "old");
        coherent.set(false);
        assertNull(cache.slot("recording-1").get("coach"), "nothing cached is served while changes go unheard");
        cache.slot("recording-1").put("coach", "abc");
        assertNull(cache.slot("recording-1").get("coach"));
        cache.invalidateAll();
        assertEquals(0, cache.weight());

        coherent.set(true);
        cache.slot("recording-1").put("coach", "abc");
        assertEquals("abc", cache.slot("recording-1").get("coach"));
    }

    @Test
    void itStaysWithinItsBudgetByDroppingWholeGroups() {
        for (int i = 0; i < 20; i++) {
            cache.slot("recording-" + i).put("coach", "abcd");
        }
        assertEquals(true, cache.weight() <= 10, "weight " + cache.weight());
        cache.slot("recording-x").put("coach", "abcd");
        cache.slot("recording-x").put("coach", "ab");
        assertEquals(true, cache.weight() <= 10, "weight " + cache.weight());
    }

    @Test
    void aWatcherIsToldOfChangesButNotOfEvictions() {
        List<String> told = new ArrayList<>();
        cache.watch(new CoherentCache.Watcher<>() {
            @Override
            public void changed(String group) {
                told.add(group);
            }

            @Override
            public void changedAll() {
                told.add("*");
            }
        });
        cache.invalidate("recording-1");
        cache.changedHere("recording-2");
        for (int i = 0; i < 20; i++) {
            cache.slot("recording-" + i).put("coach", "x"); // over budget: older groups are evicted
        }
        cache.invalidateAll();

        assertEquals(List.of("recording-1", "recording-2", "*"), told);
    }

    @Test
    void readsAreCountedAsHitsAndMisses() {
        cache.getOrLoad("recording-1", "coach", () -> "abc");
        cache.getOrLoad("recording-1", "coach", () -> "never read");
        cache.peek("recording-1", "coach");
        cache.peek("recording-2", "coach");

        assertEquals(2, cache.hits(), "one getOrLoad, one peek");
        assertEquals(1, cache.misses(), "a peek that finds nothing is followed by a getOrLoad, which counts it");
    }

    @Test
    void anOperatorsBudgetReplacesTheOneTheFeatureAsksFor() {
        try (DatabaseChanges changes = new DatabaseChanges(null, java.util.Map.of("session", 500L))) {
            assertEquals(500, changes.cache("session", g -> g, 100_000, 1, v -> 1).budget());
            assertEquals(64, changes.cache("access", g -> g, 64, 1, v -> 1).budget());
        }
    }
}
