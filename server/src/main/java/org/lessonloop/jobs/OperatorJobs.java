package org.lessonloop.jobs;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The queue as the operator sees it from the admin command line: every organization's jobs, with
 * the same states and errors an admin sees through the API (never payloads or recordings' content).
 */
public final class OperatorJobs {
    private final JobRepository jobs;

    public OperatorJobs(DSLContext db, Clock clock) {
        this.jobs = new JobRepository(db, clock);
    }

    public List<JobView> list(JobState state, int limit) {
        return jobs.listAll(state, limit);
    }

    /** As {@code POST /api/jobs/{id}/retry}: a dead or cancelled job back in the queue with all its attempts. */
    public JobView retry(UUID jobId) {
        return AdminJobs.retry(jobs, jobs.find(jobId));
    }
}
