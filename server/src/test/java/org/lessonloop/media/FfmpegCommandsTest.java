package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandsTest {
    private final FfmpegCommands commands = new FfmpegCommands(VideoEncoder.OPENH264, MediaLimits.standard());
    private final PlanTranscode planner = new PlanTranscode(Rendition.KNOWN.subList(1, 4));

    @Test
    void everyRunReadsTheSourceThroughTheAllowLists() {
        TranscodePlan plan = planner.plan(PlanTranscodeTest.info("h264", 1280, 720, 0, 30, "yuv420p", "bt709", "aac"));
        for (List<String> args : List.of(commands.remux(plan), commands.encode(plan), commands.poster(plan, "poster.jpg"))) {
            int input = args.indexOf("-i");
            assertEquals("file:source", args.get(input + 1));
            List<String> before = args.subList(0, input);
            assertEquals(InputAllowList.DEMUXERS, after(before, "-format_whitelist"));
            assertEquals("file", after(before, "-protocol_whitelist"));
            assertEquals(InputAllowList.DECODERS, after(before, "-codec_whitelist"));
            assertEquals(Long.toString(MediaLimits.standard().maxPixels()), after(before, "-max_pixels"));
        }
    }

    @Test
    void theFastPathCopiesWithoutEncoding() {
        TranscodePlan plan = planner.plan(PlanTranscodeTest.info("h264", 1280, 720, 0, 30, "yuv420p", "bt709", "aac"));
        List<String> args = commands.remux(plan);
        assertEquals("copy", after(args, "-c"));
        assertFalse(args.contains("-filter_complex"));
        assertEquals("v:0,a:0,name:720", after(args, "-var_stream_map"));
        assertEquals("v%v/index.m3u8", args.getLast());
    }

    @Test
    void theLadderIsEncodedInOneRunWithAlignedKeyframes() {
        TranscodePlan plan = planner.plan(PlanTranscodeTest.info("hevc", 1280, 720, 0, 30, "yuv420p", "bt709", "aac"));
        List<String> args = commands.encode(plan);
        assertEquals(1, Collections.frequency(args, "-i"));
        assertEquals("[0:v]fps=30.000,format=yuv420p,scale=1280:720,split=4[r0][r1][r2][t];[r0]scale=640:360[v0];[r1]scale=854:480[v1];"
                + "[r2]scale=1280:720[v2];[t]fps=1/2,scale=160:90[s]", after(args, "-filter_complex"));
        assertEquals("expr:gte(t,n_forced*2)", after(args, "-force_key_frames"));
        assertEquals("v:0,a:0,name:360 v:1,a:1,name:480 v:2,a:2,name:720", after(args, "-var_stream_map"));
        assertEquals("libopenh264", after(args, "-c:v:2"));
        assertEquals("2800k", after(args, "-b:v:2"));
        assertEquals("fmp4", after(args, "-hls_segment_type"));
        assertTrue(args.containsAll(List.of("-f", "s16le", FfmpegCommands.PCM)), "waveform samples from the same run");
        assertTrue(args.contains(FfmpegCommands.THUMBNAILS), "thumbnails from the same run");
    }

    @Test
    void hdrIsToneMappedAndTaggedAsBt709() {
        TranscodePlan plan = planner.plan(PlanTranscodeTest.info("hevc", 1920, 1080, 0, 30, "yuv420p10le", "smpte2084", "aac"));
        List<String> args = commands.encode(plan);
        assertTrue(after(args, "-filter_complex").startsWith("[0:v]zscale=t=linear"));
        assertEquals("bt709", after(args, "-color_trc"));
    }

    @Test
    void aSilentVideoGetsVideoOnlyVariantsAndNoWaveform() {
        TranscodePlan plan = planner.plan(new MediaInfo("avi", 10_000,
                new MediaInfo.Video("mpeg4", 640, 360, 0, 25, false, "yuv420p", 8, "unknown"), java.util.Optional.empty()));
        List<String> args = commands.encode(plan);
        assertEquals("v:0,name:360", after(args, "-var_stream_map"));
        assertFalse(args.contains("0:a:0"));
        assertFalse(args.contains(FfmpegCommands.PCM));
    }

    private static String after(List<String> args, String option) {
        int at = args.indexOf(option);
        return at < 0 ? null : args.get(at + 1);
    }

    @Test
    void progressComesFromOutputTimeOrElseFromFramesEncoded() {
        assertEquals(java.util.OptionalLong.of(1366), FfmpegRun.progressOf("out_time_us=1366667", 30));
        assertEquals(java.util.OptionalLong.empty(), FfmpegRun.progressOf("out_time_us=N/A", 30));
        assertEquals(java.util.OptionalLong.of(4000), FfmpegRun.progressOf("frame=120", 30));
        assertEquals(java.util.OptionalLong.empty(), FfmpegRun.progressOf("frame=120", 0));
        assertEquals(java.util.OptionalLong.empty(), FfmpegRun.progressOf("frame=garbage", 30));
    }

    @Test
    void spriteSheetsTileOurOwnThumbnailsOnly() {
        List<String> args = commands.spriteSheets(new TranscodePlan.SpriteLayout(2, new FrameSize(160, 90), 10, 10));
        assertEquals("image2", after(args, "-format_whitelist"));
        assertEquals(FfmpegCommands.THUMBNAILS, after(args, "-i"));
        assertEquals("tile=10x10", after(args, "-vf"));
        assertEquals("sprite_%d.jpg", args.getLast());
    }
}
