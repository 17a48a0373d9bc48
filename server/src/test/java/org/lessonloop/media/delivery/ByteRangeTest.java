package org.lessonloop.media.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lessonloop.media.delivery.ByteRange.Part;
import org.lessonloop.media.delivery.ByteRange.Unsatisfiable;
import org.lessonloop.media.delivery.ByteRange.Whole;

/** Range headers against a 1000-byte file (RFC 9110 §14). */
class ByteRangeTest {
    private static final long SIZE = 1000;

    @ParameterizedTest(name = "{0} → {1}-{2}")
    @CsvSource({
            "bytes=0-99, 0, 99",
            "bytes=100-100, 100, 100",
            "bytes=900-, 900, 999",
            "bytes=0-, 0, 999",
            "bytes=-100, 900, 999",
            "bytes=-5000, 0, 999",
            "bytes=990-5000, 990, 999",
            "bytes=999-999, 999, 999",
            "' bytes=10-19 ', 10, 19"})
    void aSingleRangeSelectsThoseBytesWithinTheFile(String header, long first, long last) {
        assertEquals(new Part(first, last), ByteRange.parse(header, SIZE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1100", "bytes=5000-6000", "bytes=-0"})
    void aRangeThatStartsPastTheEndIsUnsatisfiable(String header) {
        assertEquals(new Unsatisfiable(), ByteRange.parse(header, SIZE));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullSource
    @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=10-5", "bytes=0-9,20-29", "items=0-9", "bytes=a-b",
            "bytes 0-9", "bytes=0-9999999999999999999", "bytes=--5"})
    void anAbsentMalformedOrMultipleRangeHeaderGetsTheWholeFile(String header) {
        assertEquals(new Whole(), ByteRange.parse(header, SIZE));
    }

    @Test
    void anEmptyFileHasNoRangeToGive() {
        assertEquals(new Unsatisfiable(), ByteRange.parse("bytes=0-", 0));
        assertEquals(new Unsatisfiable(), ByteRange.parse("bytes=-10", 0));
    }

    @Test
    void aPartNamesItselfForContentRange() {
        Part part = new Part(100, 199);

        assertEquals(100, part.length());
        assertEquals("bytes 100-199/1000", part.contentRange(SIZE));
    }
}
