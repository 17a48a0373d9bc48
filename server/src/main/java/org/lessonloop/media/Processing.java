package org.lessonloop.media;

import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.JobRequest;
import org.lessonloop.jobs.JobState;
import org.lessonloop.recordings.LifecycleEvent;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;

/** Starts a recording's processing when its upload is complete, and again when its owner asks after a failure. */
public final class Processing {
    /** A crash or a busy machine gets two more tries; a file that is not a video fails at once. */
    static final int MAX_ATTEMPTS = 3;

    private final DSLContext db;
    private final JobQueue queue;
    private final AccessPolicy policy;
    private final RecordingLifecycle recordings;

    public Processing(DSLContext db, JobQueue queue, AccessPolicy policy, RecordingLifecycle recordings) {
        this.db = db;
        this.queue = queue;
        this.policy = policy;
        this.recordings = recordings;
    }

    /** Inside the transaction that marks the recording uploaded. */
    public void enqueue(DSLContext tx, UUID recordingId) {
        queue.enqueue(tx, JobRequest.forRecording(ProcessRecording.KIND, recordingId, MAX_ATTEMPTS));
    }

    /**
     * The owner retries a failed recording: its last job runs again from the start, with fresh
     * attempts. The recording moves and the job is queued in one transaction, neither without the other.
     */
    public Recording retry(CurrentUser me, UUID recordingId) {
        policy.require(me, recordingId, Permission.MANAGE);
        return db.transactionResult(tx -> {
            Recording retried = recordings.within(tx.dsl()).move(recordingId, new LifecycleEvent.RetryRequested());
            var last = queue.latest(recordingId, ProcessRecording.KIND);
            boolean requeued = last.filter(job -> job.state() == JobState.DEAD || job.state() == JobState.CANCELLED)
                    .map(job -> queue.retry(tx.dsl(), job.id())).orElse(false);
            // A job still RUNNING here is dying: it records the failure before it is marked dead, so the
            // owner can retry in between. It will not run again, so a fresh job does the retry.
            if (!requeued && last.map(job -> job.state() != JobState.QUEUED).orElse(true)) {
                enqueue(tx.dsl(), recordingId);
            }
            return retried;
        });
    }
}
