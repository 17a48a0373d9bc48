package org.lessonloop.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.lessonloop.architecture.FeatureApi;

/**
 * The ffmpeg and ffprobe executables bundled with JavaCV, unpacked once per machine into JavaCPP's
 * cache. They run as child processes: native speed, and a crashing demuxer or decoder cannot take
 * the server down.
 */
@FeatureApi
public record FfmpegBinary(Path executable, Path ffprobe) {
    /** What the bundled FFmpeg links against beyond the C library; a minimal server image lacks them. */
    static final String SYSTEM_LIBRARIES = "libpulse0, libasound2, libxcb1, libxcb-shm0 and libudev1";

    public static FfmpegBinary bundled() {
        return new FfmpegBinary(unpacked(org.bytedeco.ffmpeg.ffmpeg.class), unpacked(org.bytedeco.ffmpeg.ffprobe.class));
    }

    private static Path unpacked(Class<?> program) {
        Path executable;
        try {
            executable = Path.of(Loader.load(program));
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("The bundled FFmpeg cannot load here: it needs the system libraries "
                    + SYSTEM_LIBRARIES + " (Debian/Ubuntu: apt-get install them). " + e.getMessage(), e);
        }
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("The bundled " + program.getSimpleName() + " at " + executable + " is not executable");
        }
        return executable;
    }

    /** The bundled binaries find their shared libraries beside themselves only through LD_LIBRARY_PATH. */
    public Map<String, String> environment() {
        return Map.of("LD_LIBRARY_PATH", executable.getParent().toString());
    }
}
