package org.lessonloop.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lessonloop.jobs.JobState;
import org.lessonloop.jobs.JobView;
import org.lessonloop.jobs.OperatorJobs;
import org.lessonloop.problems.ProblemException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The job queue of every organization: what died, and putting it back. States and errors only. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists background jobs by state; re-queues dead ones.")
final class JobsCommand {
    private static final int ERROR_WIDTH = 160;

    @ParentCommand
    private AdminCommand admin;
    @Spec
    private CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists jobs in one state, the latest first.")
    int list(@Option(names = "--state", defaultValue = "dead", description = "one of ${COMPLETION-CANDIDATES} (default: dead)")
             JobState state,
             @Option(names = "--limit", defaultValue = "100", description = "at most this many (default: ${DEFAULT-VALUE})") int limit) {
        List<JobView> jobs = jobs().list(state, limit);
        PrintWriter out = spec.commandLine().getOut();
        jobs.forEach(job -> out.println(line(job)));
        out.println(jobs.size() + " " + state.code() + " job(s)" + (jobs.size() == limit ? " (the first " + limit + ")" : ""));
        return 0;
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Puts dead or cancelled jobs back in the queue with all their attempts, as POST /api/jobs/{id}/retry does.")
    int retry(@Parameters(paramLabel = "JOB_ID", arity = "0..*", description = "the jobs to re-queue") List<UUID> ids,
              @Option(names = "--all-dead", description = "every dead job") boolean allDead) {
        OperatorJobs jobs = jobs();
        List<UUID> chosen = new ArrayList<>(ids == null ? List.of() : ids);
        if (allDead) {
            jobs.list(JobState.DEAD, Integer.MAX_VALUE).forEach(job -> chosen.add(job.id()));
        }
        if (chosen.isEmpty()) {
            throw ProblemException.invalid("Name the jobs to re-queue (see: admin jobs list), or pass --all-dead.");
        }
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        for (UUID id : chosen) {
            try {
                out.println("Re-queued " + line(jobs.retry(id)));
            } catch (ProblemException e) {
                spec.commandLine().getErr().println(id + ": " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : AdminCommand.FAILED;
    }

    private OperatorJobs jobs() {
        return new OperatorJobs(admin.backends().db(), admin.clock());
    }

    private static String line(JobView job) {
        String error = job.lastError().map(e -> e.replaceAll("\\s+", " ")).orElse("");
        return String.join("  ", job.id().toString(), job.kind(), job.state().code(),
                "recording " + job.recordingId().map(UUID::toString).orElse("-"),
                "attempts " + job.attempts() + "/" + job.maxAttempts(), "updated " + job.updatedAt(),
                error.length() > ERROR_WIDTH ? error.substring(0, ERROR_WIDTH) + "…" : error).strip();
    }
}
