package org.lessonloop.jobs;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.problems.ProblemException;

/**
 * The operator's view of the queue: an admin lists their organization's jobs by state and puts a
 * failed one back. Only states, counts and errors are shown: nothing of the recordings themselves.
 */
public final class AdminJobs {
    static final int LIST_LIMIT = 100;

    private final JobRepository jobs;

    public AdminJobs(DSLContext db, Clock clock) {
        this.jobs = new JobRepository(db, clock);
    }

    public List<JobView> list(CurrentUser me, JobState state) {
        requireAdmin(me);
        return jobs.listForOrganization(me.user().organizationId(), state, LIST_LIMIT);
    }

    public JobView retry(CurrentUser me, UUID jobId) {
        requireAdmin(me);
        return retry(jobs, jobs.findForOrganization(me.user().organizationId(), jobId));
    }

    /** Back in the queue with all its attempts, if it ended without success. */
    static JobView retry(JobRepository jobs, java.util.Optional<JobView> found) {
        JobView job = found.orElseThrow(() -> ProblemException.notFound("There is no such job."));
        if (!job.state().retryable() || !jobs.retry(job.id())) {
            throw ProblemException.conflict("The job is " + job.state().code() + "; only a dead or cancelled job can be retried.");
        }
        return jobs.find(job.id()).orElseThrow();
    }

    private static void requireAdmin(CurrentUser me) {
        if (!me.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can see and retry background jobs.");
        }
    }
}
