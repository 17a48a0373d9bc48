// The probe's cost: ms per MediaProbe.probe of one file (a 60 s 1080p H.264 + AAC MP4 made with
// the bundled ffmpeg unless a file is given), after one untimed warm-up probe.
// Usage: java -cp server/target/lessonloop.jar bench/media/ProbeCost.java [<file>] [<probes, default 20>]
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lessonloop.media.FfmpegBinary;
import org.lessonloop.media.MediaLimits;
import org.lessonloop.media.MediaProbe;

public class ProbeCost {
    public static void main(String[] args) throws Exception {
        FfmpegBinary ffmpeg = FfmpegBinary.bundled();
        Path file = args.length > 0 ? Path.of(args[0]) : generated(ffmpeg);
        int probes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        MediaProbe probe = new MediaProbe(ffmpeg, MediaLimits.standard());
        System.err.println(probe.probe(file));
        long start = System.nanoTime();
        for (int i = 0; i < probes; i++) {
            probe.probe(file);
        }
        System.out.printf("RESULT {\"probes\":%d,\"msPerProbe\":%.1f}%n", probes, (System.nanoTime() - start) / 1e6 / probes);
    }

    private static Path generated(FfmpegBinary ffmpeg) throws Exception {
        Path file = Files.createTempDirectory("probe-cost").resolve("1080p-60s.mp4");
        ProcessBuilder make = new ProcessBuilder(List.of(ffmpeg.executable().toString(), "-hide_banner", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=60", "-f", "lavfi", "-i", "sine=d=60:sample_rate=48000",
                "-c:v", "libopenh264", "-b:v", "4M", "-g", "60", "-c:a", "aac", "-shortest", "-movflags", "+faststart",
                file.toString())).inheritIO();
        make.environment().putAll(ffmpeg.environment());
        Process process = make.start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg could not make the test file");
        }
        file.toFile().deleteOnExit();
        file.getParent().toFile().deleteOnExit();
        return file;
    }
}
