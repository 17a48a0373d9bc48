package org.lessonloop.media;

import java.util.List;

/**
 * The H.264 encoder ffmpeg offers. The default (LGPL) build has OpenH264; a build made with the
 * {@code gpl-ffmpeg} Maven profile has libx264, which gives better pictures per bit and is used then.
 */
public enum VideoEncoder {
    OPENH264("libopenh264"),
    X264("libx264");

    private final String ffmpegName;

    VideoEncoder(String ffmpegName) {
        this.ffmpegName = ffmpegName;
    }

    public String ffmpegName() {
        return ffmpegName;
    }

    /** libx264 when this ffmpeg build has it (the GPL build), else OpenH264. */
    public static VideoEncoder available(FfmpegBinary ffmpeg) {
        ProcessBuilder builder = new ProcessBuilder(ffmpeg.executable().toString(), "-hide_banner", "-encoders")
                .redirectErrorStream(true);
        builder.environment().putAll(ffmpeg.environment());
        try {
            Process process = builder.start();
            String encoders = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            process.waitFor();
            if (encoders.contains(" " + X264.ffmpegName + " ")) {
                return X264;
            }
            if (encoders.contains(" " + OPENH264.ffmpegName + " ")) {
                return OPENH264;
            }
            throw new IllegalStateException("The bundled ffmpeg at " + ffmpeg.executable() + " cannot run here or has no H.264 "
                    + "encoder; it needs the system libraries " + FfmpegBinary.SYSTEM_LIBRARIES + " (Debian/Ubuntu: apt-get install them). It said:\n" + encoders);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot run " + ffmpeg.executable(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Options for one output stream {@code index} at this rendition's rates. */
    public List<String> options(int index, Rendition rendition) {
        String stream = ":v:" + index;
        List<String> rate = List.of(
                "-c" + stream, ffmpegName,
                "-b" + stream, rendition.videoKbps() + "k",
                "-maxrate" + stream, rendition.maxKbps() + "k",
                "-bufsize" + stream, rendition.maxKbps() * 2 + "k");
        if (this == X264) {
            return concat(rate, List.of("-preset" + stream, "veryfast", "-profile" + stream, "high"));
        }
        return concat(rate, List.of("-profile" + stream, "high"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
