package org.lessonloop.media;

import java.time.Duration;

/**
 * Bounds that keep a hostile or absurd file from exhausting the machine (decode bombs): checked
 * on the probed values before any decoding, and passed to every ffmpeg run as {@code -max_pixels}.
 */
public record MediaLimits(int maxSide, long maxPixels, Duration maxDuration, int maxStreams, Duration timeoutFloor) {

    /** Up to 4K UHD either way round; a school day of footage at most. */
    public static MediaLimits standard() {
        return new MediaLimits(4096, 4096L * 2304, Duration.ofHours(8), 16, Duration.ofMinutes(10));
    }

    /**
     * The wall-clock budget of one ffmpeg run on media of this length: generous (a slow machine,
     * a busy worker) yet finite, so a decoder that hangs on a crafted file is killed.
     */
    public Duration timeoutFor(long durationMs) {
        return timeoutFloor.plusMillis(durationMs * 3);
    }
}
