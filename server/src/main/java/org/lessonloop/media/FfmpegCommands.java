package org.lessonloop.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Turns a {@link TranscodePlan} into ffmpeg arguments. Pure data in, arguments out: unit-tested
 * without launching ffmpeg. Every run reads the source through {@link #input}, so the demuxer,
 * protocol and decoder allow-lists and the pixel bound apply to all of them.
 */
public final class FfmpegCommands {
    /** The source as it lies in the job's scratch folder (an extension-less name of our own). */
    public static final String SOURCE = "source";
    public static final String MASTER = "master.m3u8";
    public static final String PCM = "waveform.pcm";
    static final String THUMBNAILS = "thumb_%05d.jpg";
    public static final int PCM_SAMPLE_RATE = 8000;
    static final int SEGMENT_SECONDS = 4;
    /** Keyframes every 2 s at the same instants in every rendition, so players switch cleanly. */
    static final int KEYFRAME_SECONDS = 2;
    /** Clips are shared in debriefs and on laptops: 720p is sharp enough and quick to send. */
    private static final Rendition CLIP_RUNG = Rendition.forShortSide(720).orElseThrow();
    private static final String TONE_MAP = "zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,"
            + "tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv";

    private final VideoEncoder encoder;
    private final MediaLimits limits;

    public FfmpegCommands(VideoEncoder encoder, MediaLimits limits) {
        this.encoder = encoder;
        this.limits = limits;
    }

    /** Copies the source's video (and AAC audio) into HLS without re-encoding. */
    public List<String> remux(TranscodePlan plan) {
        TranscodePlan.Remux remux = plan.remux().orElseThrow();
        List<String> args = input();
        args.addAll(List.of("-map", "0:v:0"));
        if (plan.audio()) {
            args.addAll(List.of("-map", "0:a:0"));
        }
        args.addAll(List.of("-c", "copy"));
        args.addAll(hls(List.of(remux.folder().substring(1)), plan.audio()));
        return args;
    }

    /**
     * Encodes every rendition, the thumbnail sprite sheets and the waveform samples in one run, so
     * the source is decoded once. With no rendition to encode (the copy is all), only the latter two.
     */
    public List<String> encode(TranscodePlan plan) {
        List<TranscodePlan.Target> targets = plan.renditions();
        List<String> args = input();
        StringJoiner graph = new StringJoiner(";");
        // Scaled once to the top rung, the smaller rungs from that: the scalers then cost 40% less CPU
        // from 1080p, 3-7% of a 360/480/720 encode (bench/media). The top rung's own scale is a no-op.
        String top = targets.isEmpty() ? "" : ",scale=" + targets.getLast().size().width() + ":" + targets.getLast().size().height();
        graph.add("[0:v]" + prepare(plan) + top + ",split=" + (targets.size() + 1) + labels("r", targets.size()) + "[t]");
        for (int i = 0; i < targets.size(); i++) {
            FrameSize size = targets.get(i).size();
            graph.add("[r" + i + "]scale=" + size.width() + ":" + size.height() + "[v" + i + "]");
        }
        TranscodePlan.SpriteLayout sprites = plan.sprites();
        // Single thumbnails, tiled by spriteSheets() afterwards: a tile filter here would hold its frames until a
        // sheet is full, and ffmpeg reports no progress while an output has not started.
        graph.add("[t]fps=1/" + sprites.intervalSeconds() + ",scale=" + sprites.tile().width() + ":" + sprites.tile().height() + "[s]");
        args.addAll(List.of("-filter_complex", graph.toString()));
        if (!targets.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                args.addAll(List.of("-map", "[v" + i + "]"));
                if (plan.audio()) {
                    args.addAll(List.of("-map", "0:a:0", "-b:a:" + i, targets.get(i).rendition().audioKbps() + "k"));
                }
                args.addAll(encoder.options(i, targets.get(i).rendition()));
                names.add(Integer.toString(targets.get(i).rendition().shortSide()));
            }
            args.addAll(List.of("-force_key_frames", "expr:gte(t,n_forced*" + KEYFRAME_SECONDS + ")", "-pix_fmt", "yuv420p"));
            if (plan.toneMap()) {
                args.addAll(List.of("-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"));
            }
            if (plan.audio()) {
                args.addAll(List.of("-c:a", "aac", "-ac", "2", "-ar", "48000"));
            }
            args.addAll(hls(names, plan.audio()));
        }
        args.addAll(List.of("-map", "[s]", "-c:v", "mjpeg", "-q:v", "5", "-start_number", "0", "-f", "image2", THUMBNAILS));
        if (plan.audio()) {
            args.addAll(List.of("-map", "0:a:0", "-ac", "1", "-ar", Integer.toString(PCM_SAMPLE_RATE),
                    "-c:a", "pcm_s16le", "-f", "s16le", PCM));
        }
        return args;
    }

    /** Tiles the thumbnails of {@link #encode} into sprite sheets {@code sprite_0.jpg}, {@code sprite_1.jpg}, … */
    public List<String> spriteSheets(TranscodePlan.SpriteLayout layout) {
        return List.of("-format_whitelist", "image2", "-protocol_whitelist", "file", "-f", "image2", "-framerate", "1",
                "-start_number", "0", "-i", THUMBNAILS, "-vf", "tile=" + layout.columns() + "x" + layout.rows(),
                "-q:v", "5", "-start_number", "0", "-f", "image2", "sprite_%d.jpg");
    }

    /** One still, upright and in SDR, at most 720 pixels on its short side. */
    public List<String> poster(TranscodePlan plan, String fileName) {
        List<String> args = new ArrayList<>(List.of("-ss", seconds(plan.posterAtMs())));
        args.addAll(input());
        FrameSize size = plan.renditions().stream().map(TranscodePlan.Target::size)
                .reduce((a, b) -> b).orElseGet(() -> plan.remux().orElseThrow().size());
        FrameSize poster = FrameSize.scaledTo(size.width(), size.height(), 720);
        args.addAll(List.of("-vf", prepare(plan) + ",scale=" + poster.width() + ":" + poster.height(),
                "-frames:v", "1", "-q:v", "3", "-update", "1", fileName));
        return args;
    }

    /**
     * A standalone MP4 of {@code startMs}–{@code endMs}, cut to the frame: seeking before the input
     * lands on the keyframe before the start and decodes up to it, and the video is re-encoded.
     */
    public List<String> clip(MediaInfo info, long startMs, long endMs, String output) {
        MediaInfo.Video v = info.video();
        FrameSize size = FrameSize.scaledTo(v.displayWidth(), v.displayHeight(), CLIP_RUNG.shortSide());
        List<String> args = new ArrayList<>(List.of("-ss", seconds(startMs)));
        args.addAll(input());
        args.addAll(List.of("-t", seconds(endMs - startMs), "-map", "0:v:0"));
        if (info.hasAudio()) {
            args.addAll(List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", CLIP_RUNG.audioKbps() + "k", "-ac", "2", "-ar", "48000"));
        }
        args.addAll(List.of("-vf", prepare(v.isHdr(), PlanTranscode.frameRate(v)) + ",scale=" + size.width() + ":" + size.height()));
        args.addAll(encoder.options(0, CLIP_RUNG));
        args.addAll(List.of("-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", output));
        return args;
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /** Input options come before {@code -i}; they bind the next input only. */
    private List<String> input() {
        return new ArrayList<>(List.of(
                "-format_whitelist", InputAllowList.DEMUXERS,
                "-protocol_whitelist", InputAllowList.PROTOCOLS,
                "-codec_whitelist", InputAllowList.DECODERS,
                "-max_pixels", Long.toString(limits.maxPixels()),
                "-max_streams", Integer.toString(limits.maxStreams()),
                "-i", "file:" + SOURCE));
    }

    /** Upright (ffmpeg applies the rotation flag itself), SDR, constant frame rate, 8-bit 4:2:0. */
    private static String prepare(TranscodePlan plan) {
        return prepare(plan.toneMap(), plan.frameRate());
    }

    private static String prepare(boolean toneMap, String frameRate) {
        return (toneMap ? TONE_MAP + "," : "") + "fps=" + frameRate + ",format=yuv420p";
    }

    /** fMP4 HLS (RFC 8216), one folder per variant named v{name}, plus the master playlist. */
    private static List<String> hls(List<String> variantNames, boolean audio) {
        StringJoiner map = new StringJoiner(" ");
        for (int i = 0; i < variantNames.size(); i++) {
            map.add("v:" + i + (audio ? ",a:" + i : "") + ",name:" + variantNames.get(i));
        }
        return List.of("-f", "hls", "-hls_time", Integer.toString(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4", "-hls_flags", "independent_segments",
                "-hls_segment_filename", "v%v/seg_%05d.m4s", "-master_pl_name", MASTER,
                "-var_stream_map", map.toString(), "v%v/index.m3u8");
    }

    private static String labels(String prefix, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append('[').append(prefix).append(i).append(']');
        }
        return out.toString();
    }
}
