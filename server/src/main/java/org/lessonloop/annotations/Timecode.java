package org.lessonloop.annotations;

/** Milliseconds as hh:mm:ss.mmm, the WebVTT timestamp form (https://www.w3.org/TR/webvtt1/#webvtt-timestamp). */
final class Timecode {
    /** The longest recording the media pipeline takes (media/MediaLimits): no annotation time lies past it. */
    static final long LONGEST_RECORDING_MS = 8 * 3_600_000L;

    private Timecode() {
    }

    static String of(long ms) {
        return String.format("%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
