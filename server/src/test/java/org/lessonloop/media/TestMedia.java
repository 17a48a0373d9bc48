package org.lessonloop.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Real media made by the bundled ffmpeg from its synthetic sources (lavfi test patterns and
 * tones), once per test JVM, plus the hostile files of DESIGN.md §6 built from them.
 */
public final class TestMedia {
    private static final Path DIR = createDir();
    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();
    private static final FfmpegBinary FFMPEG = FfmpegBinary.bundled();

    private TestMedia() {
    }

    /** H.264 + AAC in MP4 (moov first), as phones and cameras write it: the fast path. */
    public static Path h264Aac(int seconds, int width, int height) {
        return make("h264-" + seconds + "-" + width + "x" + height + ".mp4", List.of(
                "-f", "lavfi", "-i", "testsrc2=s=" + width + "x" + height + ":r=30:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=440:b=4:d=" + seconds + ":sample_rate=48000",
                "-c:v", "libopenh264", "-b:v", "2M", "-g", "60", "-c:a", "aac", "-b:a", "96k", "-shortest",
                "-movflags", "+faststart"));
    }

    /** MPEG-4 Part 2 video with MP3 sound in Matroska: nothing a browser plays, so it must be encoded. */
    public static Path mpeg4Mp3(int seconds, int width, int height) {
        return make("mpeg4-" + seconds + "-" + width + "x" + height + ".mkv", List.of(
                "-f", "lavfi", "-i", "testsrc2=s=" + width + "x" + height + ":r=25:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=330:b=2:d=" + seconds + ":sample_rate=44100",
                "-c:v", "mpeg4", "-q:v", "5", "-c:a", "libmp3lame", "-b:a", "96k", "-shortest"));
    }

    /** A phone held upright: landscape pixels with a 90° display rotation flag. */
    public static Path portrait(int seconds) {
        Path landscape = h264Aac(seconds, 640, 360);
        return make("portrait-" + seconds + ".mp4", List.of("-display_rotation", "-90", "-i", landscape.toString(),
                "-c", "copy"), false);
    }

    public static Path videoOnly(int seconds) {
        return make("video-only-" + seconds + ".mp4", List.of(
                "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=" + seconds, "-c:v", "libopenh264", "-b:v", "1M"));
    }

    /** An MP4 with its index (moov) at the end, as a camera writes it while recording. */
    public static Path indexAtEnd(int seconds) {
        return make("moov-at-end-" + seconds + ".mp4", List.of(
                "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=" + seconds, "-c:v", "libopenh264", "-b:v", "1M"), false);
    }

    /** Variable frame rate, as phones record in dim classrooms: frames at irregular intervals. */
    public static Path variableFrameRate(int seconds) {
        return make("vfr-" + seconds + ".mp4", List.of(
                "-f", "lavfi", "-i", "testsrc2=s=640x360:r=60:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=500:d=" + seconds,
                "-vf", "select='lt(mod(n\\,10)\\,3)+lt(mod(n\\,7)\\,1)'", "-fps_mode", "vfr",
                "-c:v", "mpeg4", "-q:v", "6", "-c:a", "aac", "-shortest"));
    }

    /** H.264 flagged as HLG HDR (BT.2020), as recent phones record; it must come out tone-mapped to BT.709. */
    public static Path hdrTagged(int seconds) {
        return make("hlg-" + seconds + ".mp4", List.of(
                "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=600:d=" + seconds,
                "-c:v", "libopenh264", "-b:v", "1M", "-c:a", "aac", "-shortest",
                // OpenH264 writes no colour description itself; put BT.2020 + HLG into the stream's VUI.
                "-bsf:v", "h264_metadata=colour_primaries=9:transfer_characteristics=18:matrix_coefficients=9"));
    }

    /** One 8000×8000 frame: a decode bomb by size. */
    public static Path absurdDimensions() {
        return make("huge.avi", List.of("-f", "lavfi", "-i", "color=c=gray:s=8000x8000:d=0.04:r=25",
                "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "31"));
    }

    /** The first {@code fraction} of a file's bytes: an upload or a camera that stopped early. */
    public static Path truncated(Path whole, double fraction) {
        Path cut = DIR.resolve("cut-" + (int) (fraction * 100) + "-" + whole.getFileName());
        try {
            byte[] bytes = Files.readAllBytes(whole);
            return Files.write(cut, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path text(String name, String content) {
        try {
            return Files.writeString(DIR.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path make(String name, List<String> arguments) {
        return make(name, arguments, true);
    }

    private static Path make(String name, List<String> arguments, boolean faststart) {
        return MADE.computeIfAbsent(name, n -> {
            Path out = DIR.resolve(n);
            List<String> command = new ArrayList<>(List.of(FFMPEG.executable().toString(), "-hide_banner", "-loglevel", "error",
                    "-nostdin", "-y"));
            command.addAll(arguments);
            if (faststart && n.endsWith(".mp4") && !arguments.contains("-movflags")) {
                command.addAll(List.of("-movflags", "+faststart"));
            }
            command.add(out.toString());
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().putAll(FFMPEG.environment());
                Process process = builder.start();
                String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException("ffmpeg could not make " + n + ":\n" + log);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return out;
        });
    }

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("lessonloop-media");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
