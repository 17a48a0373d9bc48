package org.lessonloop.media;

import java.util.Locale;

/**
 * The WebVTT track that maps each stretch of the lesson to its tile in the sprite sheets, with
 * media fragment {@code #xywh} cues (W3C Media Fragments), as video.js and Plyr scrub previews read.
 */
public final class ThumbnailTrack {
    private ThumbnailTrack() {
    }

    public static String vtt(TranscodePlan.SpriteLayout layout, long durationMs, int sheets) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        long step = layout.intervalSeconds() * 1000L;
        int tiles = (int) Math.min((long) sheets * layout.tilesPerSheet(), Math.max(1, (durationMs + step - 1) / step));
        for (int i = 0; i < tiles; i++) {
            int inSheet = i % layout.tilesPerSheet();
            int x = inSheet % layout.columns() * layout.tile().width();
            int y = inSheet / layout.columns() * layout.tile().height();
            vtt.append('\n').append(time(i * step)).append(" --> ").append(time(Math.min(durationMs, (i + 1) * step)))
                    .append('\n').append("sprite_").append(i / layout.tilesPerSheet()).append(".jpg#xywh=")
                    .append(x).append(',').append(y).append(',').append(layout.tile().width()).append(',')
                    .append(layout.tile().height()).append('\n');
        }
        return vtt.toString();
    }

    private static String time(long ms) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
