package org.lessonloop.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lessonloop.media.ClipExportFiles;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.recordings.RecordingRepository;
import org.lessonloop.storage.StorageConsistency;
import org.lessonloop.upload.UploadHousekeeping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Storage against the database; with --repair, the orphans go. Exit 1 while any problem remains. */
@Command(name = "check-storage", mixinStandardHelpOptions = true,
        description = {"Compares object storage with the database: objects no row points at, rows whose object is gone, "
                + "and multipart uploads no unfinished upload is filling.",
                "Only what is older than --older-than counts, so a running server's work in flight is left alone."})
final class CheckStorageCommand implements Callable<Integer> {
    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

    @ParentCommand
    private AdminCommand admin;
    @Spec
    private CommandSpec spec;
    @Option(names = "--repair", description = "remove the orphaned objects and abort the abandoned multipart uploads")
    private boolean repair;
    @Option(names = "--older-than", paramLabel = "AGE",
            description = "grace period such as 90s, 30m, 24h or 7d (default: LESSONLOOP_UPLOAD_EXPIRY_HOURS)")
    private String olderThan;

    @Override
    public Integer call() {
        var backends = admin.backends();
        Duration grace = olderThan == null ? backends.config().uploads().expiry() : age(olderThan);
        var db = backends.db();
        var recordings = new RecordingRepository(db);
        var uploads = new UploadHousekeeping(db, backends.store(), new RecordingLifecycle(recordings));
        var exports = new ClipExportFiles(db);
        var consistency = new StorageConsistency(backends.store(),
                List.of(recordings::storageClaims, uploads::storageClaims, exports::storageClaims), admin.clock());

        StorageConsistency.Report report = consistency.check(grace);
        PrintWriter out = spec.commandLine().getOut();
        report.orphanObjects().forEach(o -> out.println("orphaned object: " + o.key() + " (written " + o.lastModified() + ")"));
        report.abandonedUploads().forEach(u -> out.println("abandoned multipart upload: " + u.upload().key()
                + " (upload " + u.upload().uploadId() + ", started " + u.initiated() + ")"));
        report.missingObjects().forEach((key, neededBy) -> out.println("missing object: " + key + ", " + neededBy));
        out.println("Checked " + report.objects() + " object(s): " + report.orphanObjects().size() + " orphaned, "
                + report.abandonedUploads().size() + " abandoned multipart upload(s), " + report.missingObjects().size()
                + " missing; " + report.inFlight() + " unclaimed but younger than " + format(grace) + " left alone.");
        if (!repair) {
            if (!report.orphanObjects().isEmpty() || !report.abandonedUploads().isEmpty()) {
                out.println("Run again with --repair to remove the orphans.");
            }
            return report.consistent() ? 0 : AdminCommand.FAILED;
        }
        StorageConsistency.Repair done = consistency.repair(report);
        done.removedObjects().forEach(key -> out.println("removed " + key));
        done.abortedUploads().forEach(upload -> out.println("aborted " + upload));
        done.failures().forEach(failure -> spec.commandLine().getErr().println("could not repair " + failure));
        out.println("Repaired: removed " + done.removedObjects().size() + " object(s), aborted " + done.abortedUploads().size()
                + " multipart upload(s)" + (done.failures().isEmpty() ? "" : ", " + done.failures().size() + " failed") + ".");
        if (!report.missingObjects().isEmpty()) {
            out.println("Missing objects cannot be repaired here: restore them from a backup of the bucket.");
        }
        return done.failures().isEmpty() && report.missingObjects().isEmpty() ? 0 : AdminCommand.FAILED;
    }

    /** In the units --older-than takes. */
    private static String format(Duration age) {
        long seconds = age.toSeconds();
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds > 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static Duration age(String text) {
        Matcher m = AGE.matcher(text.strip());
        if (!m.matches()) {
            throw ProblemException.invalid("--older-than='" + text + "' must be a number and a unit: 90s, 30m, 24h or 7d.");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
