// For bench.mjs, as one JSON line: the bundled ffmpeg (unpacked by JavaCPP into ~/.javacpp/cache,
// as the server does) and, given a source, the exact argv of each ffmpeg run the server would make
// for it, from the server's own MediaProbe, PlanTranscode, FfmpegCommands and FfmpegRun.
// Usage: java -cp server/target/lessonloop.jar bench/media/FfmpegPlan.java [<source file> <ladder, e.g. 360,480,720>]
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lessonloop.media.FfmpegBinary;
import org.lessonloop.media.FfmpegCommands;
import org.lessonloop.media.FfmpegRun;
import org.lessonloop.media.MediaInfo;
import org.lessonloop.media.MediaLimits;
import org.lessonloop.media.MediaProbe;
import org.lessonloop.media.PlanTranscode;
import org.lessonloop.media.Rendition;
import org.lessonloop.media.TranscodePlan;
import org.lessonloop.media.VideoEncoder;

public class FfmpegPlan {
    public static void main(String[] args) {
        FfmpegBinary ffmpeg = FfmpegBinary.bundled();
        String binary = "{\"ffmpeg\":" + quote(ffmpeg.executable().toString())
                + ",\"libraryPath\":" + quote(ffmpeg.environment().get("LD_LIBRARY_PATH"));
        if (args.length == 0) {
            System.out.println(binary + "}");
            return;
        }
        MediaLimits limits = MediaLimits.standard();
        MediaInfo info = new MediaProbe(ffmpeg, limits).probe(Path.of(args[0]));
        List<Rendition> ladder = Arrays.stream(args[1].split(",")).map(String::strip).map(Integer::valueOf)
                .map(side -> Rendition.forShortSide(side).orElseThrow()).toList();
        TranscodePlan plan = new PlanTranscode(ladder).plan(info);
        FfmpegCommands commands = new FfmpegCommands(VideoEncoder.available(ffmpeg), limits);
        List<String> runs = new ArrayList<>();
        plan.remux().ifPresent(remux -> runs.add(run("remux", commands.remux(plan))));
        runs.add(run("encode", commands.encode(plan)));
        runs.add(run("poster", commands.poster(plan, "poster.jpg")));
        System.out.println(binary
                + ",\"durationMs\":" + plan.durationMs()
                + ",\"copy\":" + plan.remux().map(r -> quote(r.size().width() + "x" + r.size().height())).orElse("null")
                + ",\"renditions\":" + plan.renditions().stream().map(t -> quote(t.size().width() + "x" + t.size().height())).toList()
                + ",\"runs\":[" + String.join(",", runs) + "]}");
    }

    /** One run's whole argv after the binary: FfmpegRun's global options, then the command's own. */
    private static String run(String name, List<String> arguments) {
        List<String> argv = new ArrayList<>(FfmpegRun.GLOBAL_OPTIONS);
        argv.addAll(arguments);
        return "{\"name\":" + quote(name) + ",\"args\":" + argv.stream().map(FfmpegPlan::quote).toList() + "}";
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
