package org.lessonloop.media.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of an object of a known size (RFC 9110 §14.1.2, §14.2): one
 * byte range {@code first..last} (inclusive), the whole object, or nothing it has. Several ranges
 * in one header, other units and malformed headers are ignored, as the RFC allows: the client then
 * gets the whole object.
 */
public final class ByteRange {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private ByteRange() {
    }

    public sealed interface Selection permits Whole, Part, Unsatisfiable {
    }

    /** No usable Range header: send everything. */
    public record Whole() implements Selection {
    }

    public record Part(long first, long last) implements Selection {
        public long length() {
            return last - first + 1;
        }

        public String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    /** The range starts past the end (or asks for the last 0 bytes): 416. */
    public record Unsatisfiable() implements Selection {
    }

    public static Selection parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Whole();
        }
        if (m.group(1).isEmpty()) { // bytes=-n: the last n bytes
            long suffix = Long.parseLong(m.group(2));
            return suffix == 0 || size == 0 ? new Unsatisfiable() : new Part(Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        Long last = m.group(2).isEmpty() ? null : Long.parseLong(m.group(2));
        if (last != null && last < first) {
            return new Whole(); // invalid syntax, not unsatisfiable (RFC 9110 §14.1.1)
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Part(first, last == null ? size - 1 : Math.min(last, size - 1));
    }
}
