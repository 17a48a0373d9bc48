package org.lessonloop.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg executable bundled with JavaCV, unpacked once per machine into JavaCPP's cache. It
 * runs as a child process: native speed, and a crashing decoder cannot take the server down.
 */
public record FfmpegBinary(Path executable) {
    /** What the bundled FFmpeg links against beyond the C library; a minimal server image lacks them. */
    static final String SYSTEM_LIBRARIES = "libpulse0, libasound2, libxcb1, libxcb-shm0 and libudev1";

    public static FfmpegBinary bundled() {
        Path executable;
        try {
            executable = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("The bundled FFmpeg cannot load here: it needs the system libraries "
                    + SYSTEM_LIBRARIES + " (Debian/Ubuntu: apt-get install them). " + e.getMessage(), e);
        }
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("The bundled ffmpeg at " + executable + " is not executable");
        }
        return new FfmpegBinary(executable);
    }

    /** The bundled binary finds its shared libraries beside itself only through LD_LIBRARY_PATH. */
    public Map<String, String> environment() {
        return Map.of("LD_LIBRARY_PATH", executable.getParent().toString());
    }
}
