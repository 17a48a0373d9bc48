package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTranscodeTest {
    private static final List<Rendition> LADDER = List.of(Rendition.forShortSide(360).orElseThrow(),
            Rendition.forShortSide(720).orElseThrow(), Rendition.forShortSide(1080).orElseThrow());
    private final PlanTranscode planner = new PlanTranscode(LADDER);

    @Test
    void copiesAnH264AacSourceAndAddsOneLowRung() {
        TranscodePlan plan = planner.plan(info("h264", 1920, 1080, 0, 30, "yuv420p", "bt709", "aac"));
        assertEquals("v1080", plan.remux().orElseThrow().folder());
        assertEquals(List.of(new FrameSize(640, 360)), sizes(plan));
    }

    @Test
    void encodesTheWholeLadderTheSourceCanFill() {
        TranscodePlan plan = planner.plan(info("hevc", 1920, 1080, 0, 30, "yuv420p", "bt709", "aac"));
        assertTrue(plan.remux().isEmpty());
        assertEquals(List.of(new FrameSize(640, 360), new FrameSize(1280, 720), new FrameSize(1920, 1080)), sizes(plan));
    }

    @Test
    void neverUpscalesASmallSource() {
        TranscodePlan plan = planner.plan(info("mpeg4", 320, 240, 0, 25, "yuv420p", "unknown", "mp3"));
        assertEquals(List.of(new FrameSize(320, 240)), sizes(plan));
    }

    @Test
    void portraitRungsAreSizedByTheShortSide() {
        TranscodePlan plan = planner.plan(info("h264", 1920, 1080, 90, 30, "yuv420p", "bt709", "aac"));
        assertTrue(plan.remux().isEmpty(), "a rotated source is encoded upright");
        assertEquals(List.of(new FrameSize(360, 640), new FrameSize(720, 1280), new FrameSize(1080, 1920)), sizes(plan));
        assertEquals(new FrameSize(160, 284), plan.sprites().tile());
    }

    @Test
    void tenBitHdrIsToneMappedAndEncoded() {
        TranscodePlan plan = planner.plan(info("hevc", 3840, 2160, 0, 30, "yuv420p10le", "arib-std-b67", "aac"));
        assertTrue(plan.toneMap());
        assertTrue(plan.remux().isEmpty());
    }

    @Test
    void sixtyFramesASecondBecomeThirty() {
        assertEquals("29.970", PlanTranscode.frameRate(video("h264", 1280, 720, 0, 59.94, "yuv420p", "bt709")));
        assertEquals("25.000", PlanTranscode.frameRate(video("h264", 1280, 720, 0, 25, "yuv420p", "bt709")));
    }

    @Test
    void longLessonsGetSparserThumbnails() {
        TranscodePlan plan = planner.plan(new MediaInfo("matroska,webm", 45 * 60_000, video("vp9", 1280, 720, 0, 30, "yuv420p", "bt709"),
                Optional.empty()));
        assertEquals(5, plan.sprites().intervalSeconds());
        assertFalse(plan.audio());
    }

    private static List<FrameSize> sizes(TranscodePlan plan) {
        return plan.renditions().stream().map(TranscodePlan.Target::size).toList();
    }

    static MediaInfo info(String codec, int w, int h, int rotation, double fps, String pixfmt, String transfer, String audio) {
        return new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 60_000, video(codec, w, h, rotation, fps, pixfmt, transfer),
                Optional.of(new MediaInfo.Audio(audio, 2, 48000)));
    }

    private static MediaInfo.Video video(String codec, int w, int h, int rotation, double fps, String pixfmt, String transfer) {
        return new MediaInfo.Video(codec, w, h, rotation, fps, false, pixfmt, pixfmt.contains("10") ? 10 : 8, transfer);
    }
}
