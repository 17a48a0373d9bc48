package org.lessonloop.cli;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import org.lessonloop.accounts.SessionRepository;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.recordings.RecordingRepository;
import org.lessonloop.upload.UploadHousekeeping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every server's housekeeping removes every ten minutes, at once. Retention (the
 * organization's policy) runs on the servers as jobs, so it says where to find it.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Removes what has expired: sessions past their lifetime, and unfinished uploads past "
                + "LESSONLOOP_UPLOAD_EXPIRY_HOURS (their storage is freed and their recordings fail the upload step).",
                "Retention (purging originals, deleting inactive recordings) is the organization's policy: servers apply it "
                        + "as jobs every ten minutes; POST /api/retention-policy/run applies it at once."})
final class PurgeCommand implements Callable<Integer> {
    @ParentCommand
    private AdminCommand admin;
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var backends = admin.backends();
        var db = backends.db();
        int sessions = new SessionRepository(db).deleteExpired(OffsetDateTime.now(admin.clock()));
        var uploads = new UploadHousekeeping(db, backends.store(), new RecordingLifecycle(new RecordingRepository(db)));
        int expired = 0;
        // The sweep takes a batch at a time; it returns 0 once nothing more expires (or only what cannot be removed remains).
        for (int swept = uploads.sweepExpired(); swept > 0; swept = uploads.sweepExpired()) {
            expired += swept;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Deleted " + sessions + " expired session(s).");
        out.println("Dropped " + expired + " expired unfinished upload(s).");
        out.println("Retention is applied by the servers' jobs (admin screen, Retention); nothing a person made was deleted here.");
        return 0;
    }
}
