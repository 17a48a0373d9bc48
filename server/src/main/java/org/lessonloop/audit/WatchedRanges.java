package org.lessonloop.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lessonloop.architecture.FeatureApi;

/**
 * The parts of a recording someone watched, as merged intervals of media time in milliseconds:
 * sorted, none overlapping or touching. Stored as {@code "start-end,start-end"}.
 */
@FeatureApi
public record WatchedRanges(List<Range> ranges) {
    /** Keeps the stored text (4,000 characters) within bounds: a player that seeks a lot merges its oldest gaps. */
    public static final int MAX_RANGES = 150;

    public record Range(long startMs, long endMs) {
        public Range {
            if (startMs < 0 || endMs <= startMs) {
                throw new IllegalArgumentException("A watched range must start at or after 0 and end after its start");
            }
        }

        long length() {
            return endMs - startMs;
        }
    }

    public WatchedRanges {
        ranges = List.copyOf(ranges);
    }

    public static WatchedRanges none() {
        return new WatchedRanges(List.of());
    }

    /** The union of these ranges and {@code other}'s. */
    public WatchedRanges union(WatchedRanges other) {
        List<Range> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        all.sort(Comparator.comparingLong(Range::startMs));
        List<Range> merged = new ArrayList<>();
        for (Range next : all) {
            Range last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && next.startMs() <= last.endMs()) {
                merged.set(merged.size() - 1, new Range(last.startMs(), Math.max(last.endMs(), next.endMs())));
            } else {
                merged.add(next);
            }
        }
        while (merged.size() > MAX_RANGES) {
            closeSmallestGap(merged);
        }
        return new WatchedRanges(merged);
    }

    private static void closeSmallestGap(List<Range> merged) {
        int at = 0;
        for (int i = 1; i < merged.size() - 1; i++) {
            if (merged.get(i + 1).startMs() - merged.get(i).endMs() < merged.get(at + 1).startMs() - merged.get(at).endMs()) {
                at = i;
            }
        }
        merged.set(at, new Range(merged.get(at).startMs(), merged.get(at + 1).endMs()));
        merged.remove(at + 1);
    }

    /** How much of the recording was seen at least once. */
    public long coveredMs() {
        return ranges.stream().mapToLong(Range::length).sum();
    }

    String encode() {
        return String.join(",", ranges.stream().map(r -> r.startMs() + "-" + r.endMs()).toList());
    }

    static WatchedRanges decode(String text) {
        if (text == null || text.isEmpty()) {
            return none();
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            ranges.add(new Range(Long.parseLong(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1))));
        }
        return new WatchedRanges(ranges);
    }
}
