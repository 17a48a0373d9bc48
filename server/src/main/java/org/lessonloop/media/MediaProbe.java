package org.lessonloop.media;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.lessonloop.jobs.RetryableJobFailure;

/**
 * Finds out what an upload is through the bundled ffprobe, run as a child process so that a
 * demuxer crashing on a hostile file costs one job attempt, not the server. It reads only
 * headers and a few packets (no decoding of the whole file). Anything outside
 * {@link InputAllowList} or {@link MediaLimits} is refused here with a reason a teacher can act on.
 */
public final class MediaProbe {
    private static final Set<String> VIDEO_CODECS = Set.of("h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "mpeg2video",
            "mpeg1video", "mjpeg", "prores", "dvvideo", "h263", "msmpeg4v3", "wmv2", "vc1");
    private static final String ACCEPTED = "We accept MP4, MOV, MKV, WebM, AVI and MPEG-TS videos from cameras and phones.";
    /** Only what is read below: no tags, whose size a hostile file chooses. */
    private static final String ENTRIES = "format=format_name,duration"
            + ":stream=codec_type,codec_name,width,height,pix_fmt,color_transfer,avg_frame_rate,r_frame_rate,"
            + "sample_rate,channels,start_time,duration"
            + ":stream_disposition=attached_pic:stream_side_data=side_data_type,rotation"
            // FFmpeg's own pixel format table gives the bit depth, as av_pix_fmt_desc_get did in-process. (Not
            // "component=", which also names the frames' side data and so makes ffprobe decode every frame.)
            + ":pixel_format=name:pixel_format_components";
    /** The answer for 16 streams is a few kB (the pixel format table most of it); more is not ffprobe's answer. */
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    /** What ffprobe exits with when it cannot open or read the input (any other end is a crash or a kill). */
    private static final int UNREADABLE = 1;

    private final FfmpegBinary binary;
    private final MediaLimits limits;

    public MediaProbe(FfmpegBinary binary, MediaLimits limits) {
        this.binary = binary;
        this.limits = limits;
    }

    public MediaInfo probe(Path file) {
        return probe(file, () -> false);
    }

    /**
     * @throws UnusableMediaException when the file is not a video we can use (for good)
     * @throws RetryableJobFailure when ffprobe crashed or hung: worth another attempt (the reason says
     *         what happened, not what comes next: on the last attempt it is the job's reason for failing)
     * @throws FfmpegStoppedException when {@code stop} turned true first
     */
    public MediaInfo probe(Path file, BooleanSupplier stop) {
        long size = size(file);
        if (size == 0) {
            throw new UnusableMediaException("The file is empty. Please upload the lesson video again.");
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ChildProcess.Result result = ffprobe(file, List.of("-show_entries", ENTRIES), limits.timeoutFor(0), stop,
                out -> keepBounded(out, answer));
        if (result.exitCode() == UNREADABLE) {
            throw new UnusableMediaException(looksLikeMp4(file)
                    ? "The file is incomplete: its end is missing, so the video cannot be read (the upload or the camera "
                            + "may have stopped early). Please upload the complete file again."
                    : "This file is not a video we can read. " + ACCEPTED);
        }
        return describe(parse(result, answer), file, size, stop);
    }

    private MediaInfo describe(JsonObject found, Path file, long fileSize, BooleanSupplier stop) {
        JsonObject video = null;
        JsonObject audio = null;
        for (JsonObject stream : objects(found.getJsonArray("streams"))) {
            String type = stream.getString("codec_type", "");
            boolean attachedPicture = stream.getJsonObject("disposition", new JsonObject()).getInteger("attached_pic", 0) != 0;
            if (type.equals("video") && video == null && !attachedPicture) {
                video = stream;
            } else if (type.equals("audio") && audio == null) {
                audio = stream;
            }
        }
        if (video == null) {
            throw new UnusableMediaException(audio == null
                    ? "This file has no video or sound in it. " + ACCEPTED
                    : "This file has sound but no picture. Please upload the video of the lesson.");
        }
        MediaInfo.Video v = describeVideo(video, found.getJsonArray("pixel_formats"));
        JsonObject format = found.getJsonObject("format", new JsonObject());
        long durationMs = seconds(format.getString("duration")).map(s -> Math.round(s * 1000)).orElse(0L);
        if (durationMs > limits.maxDuration().toMillis()) {
            throw new UnusableMediaException("The video is " + Timecode.of(durationMs) + " long; the longest we accept is "
                    + Timecode.of(limits.maxDuration().toMillis()) + ".");
        }
        String container = format.getString("format_name", "unknown");
        if (container.startsWith("mov,") && TruncatedMp4.endsInsideABox(file, fileSize)) {
            cutOffMs(file, found.getJsonArray("streams"), durationMs, stop).ifPresent(cut -> {
                throw new UnusableMediaException("The recording is cut off at " + Timecode.of(cut)
                        + ": the file ends before the video does (the upload or the camera may have stopped early). "
                        + "Please upload the complete file again.");
            });
        }
        return new MediaInfo(container, durationMs, v, Optional.ofNullable(audio).map(MediaProbe::describeAudio));
    }

    private MediaInfo.Video describeVideo(JsonObject stream, JsonArray pixelFormats) {
        String codec = stream.getString("codec_name", "unknown");
        if (!VIDEO_CODECS.contains(codec)) {
            throw new UnusableMediaException("The video is encoded as " + codec + ", which we cannot process. " + ACCEPTED);
        }
        int width = stream.getInteger("width", 0);
        int height = stream.getInteger("height", 0);
        if (width <= 0 || height <= 0) {
            throw new UnusableMediaException("The video's picture size cannot be read; the file may be damaged.");
        }
        if (width > limits.maxSide() || height > limits.maxSide() || (long) width * height > limits.maxPixels()) {
            throw new UnusableMediaException("The video is " + width + "×" + height + " pixels; the largest we process is 4K ("
                    + "3840×2160). Please export it at a smaller size.");
        }
        double avg = rate(stream.getString("avg_frame_rate"));
        double real = rate(stream.getString("r_frame_rate"));
        String pixelFormat = stream.getString("pix_fmt", "unknown");
        return new MediaInfo.Video(codec, width, height, rotation(stream), avg > 0 ? avg : real,
                avg > 0 && real > 0 && Math.abs(real - avg) / avg > 0.01,
                pixelFormat, bitDepth(pixelFormat, pixelFormats), stream.getString("color_transfer", "unknown"));
    }

    private static MediaInfo.Audio describeAudio(JsonObject stream) {
        return new MediaInfo.Audio(stream.getString("codec_name", "unknown"), stream.getInteger("channels", 0),
                Integer.parseInt(stream.getString("sample_rate", "0")));
    }

    /** Degrees clockwise the picture must turn to be upright (a phone held upright: 90); ffprobe tells counter-clockwise. */
    private static int rotation(JsonObject stream) {
        for (JsonObject side : objects(stream.getJsonArray("side_data_list"))) {
            if ("Display Matrix".equals(side.getString("side_data_type")) && side.getValue("rotation") instanceof Number ccw) {
                return Math.floorMod((int) Math.round(-ccw.doubleValue()), 360);
            }
        }
        return 0;
    }

    /** The depth of the first component (luma), as FFmpeg's pixel format table states it; 8 when unknown. */
    private static int bitDepth(String pixelFormat, JsonArray pixelFormats) {
        for (JsonObject format : objects(pixelFormats)) {
            if (pixelFormat.equals(format.getString("name"))) {
                List<JsonObject> components = objects(format.getJsonArray("components"));
                return components.isEmpty() ? 8 : components.getFirst().getInteger("bit_depth", 8);
            }
        }
        return 8;
    }

    /**
     * Reads every packet's timing (no decoding) and finds where the earliest stream runs out before
     * its declared end: only for a file already known to end inside a box, as reading all packets
     * costs a pass over the file.
     */
    private Optional<Long> cutOffMs(Path file, JsonArray streams, long durationMs, BooleanSupplier stop) {
        TruncatedMp4 packets = new TruncatedMp4(objects(streams));
        ChildProcess.Result result = ffprobe(file, List.of("-show_entries", TruncatedMp4.ENTRIES), limits.timeoutFor(durationMs),
                stop, packets::read);
        if (result.exitCode() > UNREADABLE) {
            throw probeFailed(result);
        }
        return packets.cutOffMs();
    }

    /** Runs ffprobe on {@code file} under the allow-lists and limits; its compact JSON goes to {@code answer}. */
    private ChildProcess.Result ffprobe(Path file, List<String> what, Duration timeout, BooleanSupplier stop,
                                        Consumer<InputStream> answer) {
        List<String> arguments = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-of", "json=c=1",
                "-format_whitelist", InputAllowList.DEMUXERS,
                "-protocol_whitelist", InputAllowList.PROTOCOLS,
                "-codec_whitelist", InputAllowList.DECODERS,
                "-max_streams", Integer.toString(limits.maxStreams()),
                "-probesize", Long.toString(32L << 20)));
        arguments.addAll(what);
        arguments.add("file:" + file.toAbsolutePath());
        try {
            return ChildProcess.run(binary, binary.ffprobe(), arguments, file.toAbsolutePath().getParent(), timeout, stop, answer);
        } catch (FfmpegException e) {
            throw new RetryableJobFailure("The video could not be examined: " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableJobFailure("Examining the video was interrupted.", e);
        }
    }

    private static JsonObject parse(ChildProcess.Result result, ByteArrayOutputStream answer) {
        if (!result.succeeded()) {
            throw probeFailed(result);
        }
        try {
            return new JsonObject(answer.toString(StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new RetryableJobFailure("The video could not be examined: ffprobe's answer was not readable.", e);
        }
    }

    private static RetryableJobFailure probeFailed(ChildProcess.Result result) {
        return new RetryableJobFailure("The video could not be examined: " + result.failure()
                + (result.stderrTail().isBlank() ? "" : " (" + result.stderrTail().lines().reduce((a, b) -> b).orElse("") + ")")
                + ".");
    }

    /** Keeps up to {@link #MAX_ANSWER_BYTES} and drains the rest, so the child never blocks on a full pipe. */
    private static void keepBounded(InputStream out, ByteArrayOutputStream answer) {
        try (out) {
            answer.write(out.readNBytes(MAX_ANSWER_BYTES));
            out.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The process went away; its exit code decides.
        }
    }

    static List<JsonObject> objects(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    /** ffprobe's rationals ("30000/1001"); 0 when unknown ("0/0"). */
    private static double rate(String rational) {
        if (rational == null) {
            return 0;
        }
        String[] parts = rational.split("/");
        try {
            double den = parts.length == 2 ? Double.parseDouble(parts[1]) : 1;
            return den == 0 ? 0 : Double.parseDouble(parts[0]) / den;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** ffprobe's decimal seconds; empty for "N/A" or absent. */
    static Optional<Double> seconds(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
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
