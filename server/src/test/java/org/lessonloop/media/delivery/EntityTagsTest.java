package org.lessonloop.media.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entity tags and the conditional headers that compare them (RFC 9110 §13.1). */
class EntityTagsTest {
    private static final String TAG = "\"abc123\"";

    @Test
    void theStoresTagIsQuotedOnce() {
        assertEquals(TAG, EntityTags.of("abc123"));
        assertEquals(TAG, EntityTags.of("\"abc123\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\"abc123\"", "W/\"abc123\"", "*", "\"x\", \"abc123\"", "\"x\",W/\"abc123\""})
    void ifNoneMatchFailsWhenAnyTagMatches(String header) {
        assertTrue(EntityTags.noneMatchFails(header, TAG));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\"abc1234\"", "abc123", "\"x\", \"y\"", ""})
    void ifNoneMatchHoldsWhenNoTagMatches(String header) {
        assertFalse(EntityTags.noneMatchFails(header, TAG));
    }

    @Test
    void noIfNoneMatchMeansSendTheFile() {
        assertFalse(EntityTags.noneMatchFails(null, TAG));
    }

    @Test
    void ifRangeKeepsTheRangeOnlyForTheSameStrongTag() {
        assertTrue(EntityTags.rangeStillValid(null, TAG));
        assertTrue(EntityTags.rangeStillValid(TAG, TAG));
        assertFalse(EntityTags.rangeStillValid("W/" + TAG, TAG));
        assertFalse(EntityTags.rangeStillValid("\"older\"", TAG));
        assertFalse(EntityTags.rangeStillValid("Tue, 03 Nov 2026 10:00:00 GMT", TAG));
    }
}
