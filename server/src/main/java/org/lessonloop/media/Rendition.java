package org.lessonloop.media;

import java.util.List;
import java.util.Optional;

/**
 * One rung of the adaptive ladder, named by its short side so portrait and landscape videos get
 * the same sharpness. Bitrates follow common H.264 ladders for talking-head and classroom scenes.
 */
public record Rendition(int shortSide, int videoKbps, int audioKbps) {

    /** Every rung we know; the configured ladder picks from these. */
    public static final List<Rendition> KNOWN = List.of(
            new Rendition(240, 400, 64),
            new Rendition(360, 800, 96),
            new Rendition(480, 1400, 128),
            new Rendition(720, 2800, 128),
            new Rendition(1080, 5000, 160));

    public static Optional<Rendition> forShortSide(int shortSide) {
        return KNOWN.stream().filter(r -> r.shortSide == shortSide).findFirst();
    }

    /** The folder, and HLS variant name, of this rendition's playlist and segments. */
    public String folder() {
        return "v" + shortSide;
    }

    /** Peak rate for VBV: short bursts above the average keep motion (a class moving) sharp. */
    public int maxKbps() {
        return videoKbps * 3 / 2;
    }
}
