package org.lessonloop.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides, from what probing found, how an upload becomes a playable ladder. */
public final class PlanTranscode {
    private static final Set<String> COPYABLE_CONTAINERS = Set.of("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "mpegts");
    private static final double MAX_FRAME_RATE = 30.5;
    private static final int TILE_WIDTH = 160;
    private static final int SPRITE_COLUMNS = 10;
    private static final int SPRITE_ROWS = 10;
    /** Enough tiles to scrub a lesson finely without making the sprite sheets heavy. */
    private static final int MAX_TILES = 600;

    private final List<Rendition> ladder;

    public PlanTranscode(List<Rendition> ladder) {
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("The ladder needs at least one rendition");
        }
        this.ladder = ladder.stream().sorted(java.util.Comparator.comparingInt(Rendition::shortSide)).toList();
    }

    public TranscodePlan plan(MediaInfo info) {
        MediaInfo.Video v = info.video();
        FrameSize display = new FrameSize(v.displayWidth(), v.displayHeight());
        Optional<TranscodePlan.Remux> remux = canCopy(info)
                ? Optional.of(new TranscodePlan.Remux("v" + display.shortSide(), display))
                : Optional.empty();
        List<TranscodePlan.Target> targets = new ArrayList<>();
        for (Rendition r : ladder) {
            FrameSize size = FrameSize.scaledTo(display.width(), display.height(), r.shortSide());
            boolean belowCopy = remux.map(c -> size.shortSide() < c.size().shortSide()).orElse(true);
            boolean fits = r.shortSide() <= display.shortSide() || targets.isEmpty() && r == ladder.getFirst();
            if (fits && belowCopy && targets.stream().noneMatch(t -> t.size().equals(size))) {
                targets.add(new TranscodePlan.Target(r, size));
            }
        }
        if (remux.isPresent() && targets.size() > 1) {
            targets = List.of(targets.getFirst()); // the copy is the top rung; one low rung for weak Wi-Fi
        }
        return new TranscodePlan(remux, targets, frameRate(v), v.isHdr(), info.hasAudio(),
                sprites(info.durationMs(), display), posterAt(info.durationMs()), info.durationMs());
    }

    /** Copying keeps the original's quality at remux speed; only what every browser plays as-is qualifies. */
    static boolean canCopy(MediaInfo info) {
        MediaInfo.Video v = info.video();
        return COPYABLE_CONTAINERS.contains(info.container())
                && v.codec().equals("h264")
                && (v.pixelFormat().equals("yuv420p") || v.pixelFormat().equals("yuvj420p"))
                && v.bitDepth() == 8
                && !v.isHdr()
                && v.rotation() == 0 // browsers ignore the rotation flag in fMP4 segments
                && Math.min(v.width(), v.height()) <= 1080 && Math.max(v.width(), v.height()) <= 1920
                && info.audio().map(a -> a.codec().equals("aac")).orElse(true);
    }

    /** Constant frame rate output: the source's average, halved above 30 fps (60 fps lessons gain nothing). */
    static String frameRate(MediaInfo.Video v) {
        double rate = v.frameRate() > 1 ? v.frameRate() : 30;
        while (rate > MAX_FRAME_RATE) {
            rate /= 2;
        }
        return String.format(java.util.Locale.ROOT, "%.3f", rate);
    }

    private static TranscodePlan.SpriteLayout sprites(long durationMs, FrameSize display) {
        long seconds = Math.max(1, durationMs / 1000);
        int interval = (int) Math.max(2, (seconds + MAX_TILES - 1) / MAX_TILES);
        FrameSize tile = new FrameSize(TILE_WIDTH, Math.max(2, Math.round(TILE_WIDTH * display.height() / (float) display.width() / 2) * 2));
        return new TranscodePlan.SpriteLayout(interval, tile, SPRITE_COLUMNS, SPRITE_ROWS);
    }

    /** A tenth into the lesson, past the fumbling with the camera, but not far in. */
    private static long posterAt(long durationMs) {
        return Math.min(durationMs / 10, 30_000);
    }
}
