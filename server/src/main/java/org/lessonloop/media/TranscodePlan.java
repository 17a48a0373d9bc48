package org.lessonloop.media;

import java.util.List;
import java.util.Optional;

/**
 * What ffmpeg will make of one upload. With {@link #remux} present the source is copied into
 * HLS first (playable in seconds) and {@link #renditions} follow; otherwise every rendition is
 * encoded in one run. Thumbnails, poster and waveform come from the encoding run either way.
 */
public record TranscodePlan(
        Optional<Remux> remux,
        List<Target> renditions,
        String frameRate,
        boolean toneMap,
        boolean audio,
        SpriteLayout sprites,
        long posterAtMs,
        long durationMs) {

    /** The source's own video copied unchanged into HLS, named like a rendition of its size. */
    public record Remux(String folder, FrameSize size) {
    }

    public record Target(Rendition rendition, FrameSize size) {
    }

    /** One tile every {@code intervalSeconds}, {@code columns}×{@code rows} tiles per sheet. */
    public record SpriteLayout(int intervalSeconds, FrameSize tile, int columns, int rows) {
        public int tilesPerSheet() {
            return columns * rows;
        }
    }
}
