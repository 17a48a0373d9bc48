package org.lessonloop.retention;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.JobRequest;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * The use cases: an admin reads and sets the organization's policy; a teacher sees what will be
 * deleted when and keeps a recording; the sweep queues the purges and deletions that are due as jobs,
 * and mails owners the warnings not yet given.
 */
final class Retention {
    /** Jobs queued per sweep and kind; the next sweep (ten minutes on) takes the rest. */
    private static final int SWEEP_BATCH = 500;

    private final DSLContext db;
    private final RetentionRepository repository;
    private final AccessPolicy access;
    private final RecordingLifecycle recordings;
    private final JobQueue queue;
    private final RetentionWarnings warnings;
    private final Clock clock;

    Retention(DSLContext db, AccessPolicy access, RecordingLifecycle recordings, JobQueue queue, RetentionWarnings warnings, Clock clock) {
        this.db = db;
        this.repository = new RetentionRepository(db);
        this.access = access;
        this.recordings = recordings;
        this.queue = queue;
        this.warnings = warnings;
        this.clock = clock;
    }

    /** What a sweep queued. */
    record Sweep(int purges, int deletions) {
    }

    RetentionPolicy policy(CurrentUser admin) {
        requireAdmin(admin);
        return repository.policy(admin.user().organizationId());
    }

    RetentionPolicy setPolicy(CurrentUser admin, RetentionPolicy policy) {
        requireAdmin(admin);
        repository.save(admin.user().organizationId(), policy, admin.id(), now());
        return policy;
    }

    /** The rules of the caller's organization, which every member may read (the library says them). */
    RetentionPolicy rulesFor(CurrentUser me) {
        return repository.policy(me.user().organizationId());
    }

    /** The caller's own recordings retention will delete soon, soonest first. */
    List<RetentionNotice> notices(CurrentUser me) {
        return repository.notices(me.id(), now());
    }

    /** The owner keeps a recording: its last activity is now, so its deletion moves a whole period away. */
    void keep(CurrentUser me, UUID recordingId) {
        access.require(me, recordingId, Permission.MANAGE);
        recordings.kept(recordingId, now());
    }

    /** Runs the whole organization's rules now rather than at the next housekeeping; admins only. */
    Sweep sweepNow(CurrentUser admin) {
        requireAdmin(admin);
        return sweep();
    }

    /**
     * Queues a job for each purge and deletion that is due and not already queued. One node sweeps
     * at a time; a job re-checks its rule when it runs, so a recording kept meanwhile stays.
     */
    Sweep sweep() {
        return db.transactionResult(tx -> {
            var locked = new RetentionRepository(tx.dsl());
            if (!locked.lockSweep()) {
                return new Sweep(0, 0);
            }
            OffsetDateTime now = now();
            int purges = queueNew(tx.dsl(), RetentionJobs.PURGE_ORIGINAL, locked.dueForPurge(now, Optional.empty(), SWEEP_BATCH));
            int deletions = queueNew(tx.dsl(), RetentionJobs.DELETE_RECORDING, locked.dueForDeletion(now, Optional.empty(), SWEEP_BATCH));
            warnings.send(tx.dsl(), now);
            return new Sweep(purges, deletions);
        });
    }

    private int queueNew(DSLContext tx, String kind, List<UUID> recordingIds) {
        int queued = 0;
        for (UUID id : recordingIds) {
            if (!queue.pending(kind, id)) {
                // On the subject, not the recording: the recording's jobs are cancelled and cascade away as it is deleted.
                queue.enqueue(tx, new JobRequest(kind, Optional.empty(), Optional.of(id), new io.vertx.core.json.JsonObject(), 5));
                queued++;
            }
        }
        return queued;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static void requireAdmin(CurrentUser user) {
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can see and change the retention policy.");
        }
    }
}
