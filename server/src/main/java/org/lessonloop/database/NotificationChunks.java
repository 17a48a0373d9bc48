package org.lessonloop.database;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Messages of any length over NOTIFY, whose payload must be shorter than 8000 bytes
 * (https://www.postgresql.org/docs/current/sql-notify.html); a comment alone may be 10,000
 * characters. A short message travels as {@code =text}; a longer one as numbered chunks
 * {@code #id:index:count:part}, all sent in one transaction, so they arrive together and in order.
 * Chunks need no table to park the message in, nothing to clean up, and no read by every node.
 */
final class NotificationChunks {
    /** Bytes of one payload, its header included: under PostgreSQL's limit with room to spare. */
    static final int MAX_PAYLOAD_BYTES = 7_900;
    /** Messages whose chunks are still arriving, at most; more means chunks were lost. */
    private static final int MAX_PARTIAL = 64;

    private NotificationChunks() {
    }

    static List<String> encode(String message) {
        if (fitsOnePayload(message)) {
            return List.of("=" + message);
        }
        String id = UUID.randomUUID().toString();
        // The header "#id:index:count:" is at most 36 + 3 + 2 × 10 bytes.
        List<String> parts = split(message, MAX_PAYLOAD_BYTES - 60);
        List<String> payloads = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            payloads.add("#" + id + ":" + i + ":" + parts.size() + ":" + parts.get(i));
        }
        return payloads;
    }

    /** Pieces of at most {@code maxBytes} UTF-8 bytes each, never splitting a character. */
    static List<String> split(String text, int maxBytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = utf8Length(codePoint);
            if (bytes + size > maxBytes) {
                parts.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** With its "=" in front. Most messages are short: at most three bytes a char settles it without encoding. */
    private static boolean fitsOnePayload(String text) {
        return text.length() * 3 + 1 <= MAX_PAYLOAD_BYTES || text.getBytes(StandardCharsets.UTF_8).length + 1 <= MAX_PAYLOAD_BYTES;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    /** Puts chunked messages back together; one per channel, used by the listener's one thread. */
    static final class Reassembly {
        private final Map<String, String[]> partial = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
                return size() > MAX_PARTIAL;
            }
        };

        /** The whole message once its last piece arrives; empty for a piece, or for what is not ours. */
        Optional<String> accept(String payload) {
            if (payload.startsWith("=")) {
                return Optional.of(payload.substring(1));
            }
            String[] header = payload.startsWith("#") ? payload.substring(1).split(":", 4) : new String[0];
            if (header.length != 4) {
                return Optional.empty();
            }
            int index;
            int count;
            try {
                index = Integer.parseInt(header[1]);
                count = Integer.parseInt(header[2]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (count < 1 || index < 0 || index >= count) {
                return Optional.empty();
            }
            String[] parts = partial.computeIfAbsent(header[0], id -> new String[count]);
            if (parts.length != count) {
                return Optional.empty();
            }
            parts[index] = header[3];
            for (String part : parts) {
                if (part == null) {
                    return Optional.empty();
                }
            }
            partial.remove(header[0]);
            return Optional.of(String.join("", parts));
        }

        /** Notifications may have been lost: pieces waiting now may never be completed. */
        void clear() {
            partial.clear();
        }
    }
}
