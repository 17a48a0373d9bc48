package org.lessonloop.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Finds out what an upload is, in-process through FFmpeg's demuxers, reading only headers and a
 * few packets (no decoding of the whole file). Anything outside {@link InputAllowList} or
 * {@link MediaLimits} is refused here with a reason a teacher can act on.
 */
public final class MediaProbe {
    private static final Set<String> VIDEO_CODECS = Set.of("h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "mpeg2video",
            "mpeg1video", "mjpeg", "prores", "dvvideo", "h263", "msmpeg4v3", "wmv2", "vc1");
    private static final String ACCEPTED = "We accept MP4, MOV, MKV, WebM, AVI and MPEG-TS videos from cameras and phones.";

    static {
        av_log_set_level(AV_LOG_ERROR);
    }

    private final MediaLimits limits;

    public MediaProbe(MediaLimits limits) {
        this.limits = limits;
    }

    public MediaInfo probe(Path file) {
        long size = size(file);
        if (size == 0) {
            throw new UnusableMediaException("The file is empty. Please upload the lesson video again.");
        }
        AVFormatContext ctx = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "format_whitelist", InputAllowList.DEMUXERS, 0);
        av_dict_set(options, "protocol_whitelist", InputAllowList.PROTOCOLS, 0);
        av_dict_set(options, "codec_whitelist", InputAllowList.DECODERS, 0);
        av_dict_set(options, "max_streams", Integer.toString(limits.maxStreams()), 0);
        av_dict_set(options, "probesize", Long.toString(32L << 20), 0);
        try {
            if (avformat_open_input(ctx, "file:" + file.toAbsolutePath(), null, options) < 0) {
                throw new UnusableMediaException(looksLikeMp4(file)
                        ? "The file is incomplete: its end is missing, so the video cannot be read (the upload or the camera "
                                + "may have stopped early). Please upload the complete file again."
                        : "This file is not a video we can read. " + ACCEPTED);
            }
            try {
                if (avformat_find_stream_info(ctx, (AVDictionary) null) < 0) {
                    throw new UnusableMediaException("The video's streams could not be read; the file may be damaged.");
                }
                return describe(ctx, size);
            } finally {
                avformat_close_input(ctx);
            }
        } finally {
            av_dict_free(options);
        }
    }

    private MediaInfo describe(AVFormatContext ctx, long fileSize) {
        AVStream video = null;
        AVStream audio = null;
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVStream stream = ctx.streams(i);
            int type = stream.codecpar().codec_type();
            if (type == AVMEDIA_TYPE_VIDEO && video == null && (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                video = stream;
            } else if (type == AVMEDIA_TYPE_AUDIO && audio == null) {
                audio = stream;
            }
        }
        if (video == null) {
            throw new UnusableMediaException(audio == null
                    ? "This file has no video or sound in it. " + ACCEPTED
                    : "This file has sound but no picture. Please upload the video of the lesson.");
        }
        MediaInfo.Video v = describeVideo(video);
        long durationMs = ctx.duration() == AV_NOPTS_VALUE ? 0 : ctx.duration() / 1000;
        if (durationMs > limits.maxDuration().toMillis()) {
            throw new UnusableMediaException("The video is " + Timecode.of(durationMs) + " long; the longest we accept is "
                    + Timecode.of(limits.maxDuration().toMillis()) + ".");
        }
        String container = ctx.iformat().name().getString();
        if (container.startsWith("mov,")) {
            TruncatedMp4.cutOffMs(ctx, fileSize).ifPresent(cut -> {
                throw new UnusableMediaException("The recording is cut off at " + Timecode.of(cut)
                        + ": the file ends before the video does (the upload or the camera may have stopped early). "
                        + "Please upload the complete file again.");
            });
        }
        return new MediaInfo(container, durationMs, v, Optional.ofNullable(audio).map(MediaProbe::describeAudio));
    }

    private MediaInfo.Video describeVideo(AVStream stream) {
        AVCodecParameters p = stream.codecpar();
        String codec = avcodec_get_name(p.codec_id()).getString();
        if (!VIDEO_CODECS.contains(codec)) {
            throw new UnusableMediaException("The video is encoded as " + codec + ", which we cannot process. " + ACCEPTED);
        }
        int width = p.width();
        int height = p.height();
        if (width <= 0 || height <= 0) {
            throw new UnusableMediaException("The video's picture size cannot be read; the file may be damaged.");
        }
        if (width > limits.maxSide() || height > limits.maxSide() || (long) width * height > limits.maxPixels()) {
            throw new UnusableMediaException("The video is " + width + "×" + height + " pixels; the largest we process is 4K ("
                    + "3840×2160). Please export it at a smaller size.");
        }
        double avg = rate(stream.avg_frame_rate());
        double real = rate(stream.r_frame_rate());
        double frameRate = avg > 0 ? avg : real;
        BytePointer pixelFormat = av_get_pix_fmt_name(p.format());
        BytePointer transfer = av_color_transfer_name(p.color_trc());
        return new MediaInfo.Video(codec, width, height, rotation(p), frameRate,
                avg > 0 && real > 0 && Math.abs(real - avg) / avg > 0.01,
                pixelFormat == null ? "unknown" : pixelFormat.getString(),
                p.format() < 0 ? 8 : av_pix_fmt_desc_get(p.format()).comp(0).depth(),
                transfer == null ? "unknown" : transfer.getString());
    }

    private static MediaInfo.Audio describeAudio(AVStream stream) {
        AVCodecParameters p = stream.codecpar();
        return new MediaInfo.Audio(avcodec_get_name(p.codec_id()).getString(), p.ch_layout().nb_channels(), p.sample_rate());
    }

    /** Degrees clockwise the picture must turn to be upright (a phone held upright: 90). */
    private static int rotation(AVCodecParameters p) {
        for (int i = 0; i < p.nb_coded_side_data(); i++) {
            AVPacketSideData side = p.coded_side_data().getPointer(i);
            if (side.type() == AV_PKT_DATA_DISPLAYMATRIX && side.size() >= 36) {
                double counterClockwise = av_display_rotation_get(new IntPointer(side.data()));
                return Math.floorMod((int) Math.round(-counterClockwise), 360);
            }
        }
        return 0;
    }

    private static double rate(AVRational r) {
        return r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    /** An ISO media file starts with an {@code ftyp} box; if it then fails to open, its index (at the end) is missing. */
    private static boolean looksLikeMp4(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            return head.length == 8 && Arrays.equals(Arrays.copyOfRange(head, 4, 8), "ftyp".getBytes());
        } catch (IOException e) {
            return false;
        }
    }
}
