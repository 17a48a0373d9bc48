package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NotificationChunksTest {
    private final NotificationChunks.Reassembly reassembly = new NotificationChunks.Reassembly();

    @Test
    void aShortMessageIsOnePayload() {
        List<String> payloads = NotificationChunks.encode("{\"type\":\"comment.created\"}");

        assertEquals(1, payloads.size());
        assertEquals(Optional.of("{\"type\":\"comment.created\"}"), reassembly.accept(payloads.get(0)));
    }

    @Test
    void aLongMessageIsSplitIntoPayloadsUnderPostgresLimitAndPutBackTogether() {
        // 10,000 characters of comment, many of them two, three and four bytes long.
        String message = "Lé€🙂 ".repeat(2_000);

        List<String> payloads = NotificationChunks.encode(message);

        assertEquals(3, payloads.size(), "22,000 bytes in payloads of under 8,000");
        for (String payload : payloads) {
            assertTrue(payload.getBytes(StandardCharsets.UTF_8).length < 8_000, "a payload over NOTIFY's limit");
        }
        List<Optional<String>> results = payloads.stream().map(reassembly::accept).toList();
        assertTrue(results.subList(0, results.size() - 1).stream().allMatch(Optional::isEmpty), "nothing before the last piece");
        assertEquals(Optional.of(message), results.get(results.size() - 1));
    }

    @Test
    void splittingNeverCutsACharacterInTwo() {
        String text = "a🙂".repeat(100);

        List<String> parts = NotificationChunks.split(text, 7);

        for (String part : parts) {
            assertTrue(part.getBytes(StandardCharsets.UTF_8).length <= 7, part);
            assertEquals(part, new String(part.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), "a surrogate pair was cut");
        }
        assertEquals(text, String.join("", parts));
    }

    @Test
    void piecesOfTwoMessagesMixedAndOutOfOrderStillMakeBothMessages() {
        String first = "x".repeat(20_000);
        String second = "y".repeat(30_000);
        List<String> payloads = new ArrayList<>(NotificationChunks.encode(first));
        payloads.addAll(NotificationChunks.encode(second));
        Collections.shuffle(payloads, new Random(7));

        List<String> whole = payloads.stream().map(reassembly::accept).flatMap(Optional::stream).toList();

        assertEquals(2, whole.size());
        assertTrue(whole.containsAll(List.of(first, second)));
    }

    @Test
    void whatIsNotAPayloadOfOursIsIgnored() {
        assertEquals(Optional.empty(), reassembly.accept("review:1234"));
        assertEquals(Optional.empty(), reassembly.accept("#id:3:2:out of range"));
        assertEquals(Optional.empty(), reassembly.accept("#id:x:2:not a number"));
    }
}
