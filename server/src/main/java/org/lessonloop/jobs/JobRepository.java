package org.lessonloop.jobs;

import static org.lessonloop.db.Tables.JOBS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.lessonloop.db.tables.records.JobsRecord;

/**
 * Every query on {@code jobs}. A worker's writes name its lease ({@code lease_owner}) and expect the
 * job still running: a worker that lost the job (lease expired and taken over, cancelled, recording
 * deleted) changes nothing, so it cannot overwrite what the new owner does.
 */
final class JobRepository {
    private static final String QUEUED = JobState.QUEUED.code();
    private static final String RUNNING = JobState.RUNNING.code();

    private final DSLContext db;
    private final Clock clock;

    JobRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    UUID insert(JobRequest request) {
        String payload = request.payload().encode();
        if (payload.length() > JOBS.PAYLOAD.getDataType().length()) {
            throw new IllegalArgumentException("A job's payload must stay under " + JOBS.PAYLOAD.getDataType().length() + " characters");
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        db.insertInto(JOBS)
                .set(JOBS.ID, id)
                .set(JOBS.KIND, request.kind())
                .set(JOBS.RECORDING_ID, request.recordingId().orElse(null))
                .set(JOBS.SUBJECT_ID, request.subjectId().orElse(null))
                .set(JOBS.PAYLOAD, payload)
                .set(JOBS.STATE, QUEUED)
                .set(JOBS.MAX_ATTEMPTS, request.maxAttempts())
                .set(JOBS.RUN_AFTER, now)
                .set(JOBS.CREATED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .execute();
        return id;
    }

    /**
     * Takes the longest-waiting job of these kinds that is due, or whose worker stopped renewing its
     * lease, in one statement; concurrent claimers skip each other's locked rows instead of waiting.
     * The attempt is counted here, so a job that kills its worker every time still runs out of attempts.
     */
    /** The queue by kind: queued and running jobs only, which the partial index jobs_claimable covers. */
    List<QueueDepth> depth() {
        OffsetDateTime now = now();
        Condition due = JOBS.STATE.eq(QUEUED).and(JOBS.RUN_AFTER.le(now));
        var oldestDue = DSL.min(JOBS.RUN_AFTER).filterWhere(due);
        return db.select(JOBS.KIND, DSL.count().filterWhere(JOBS.STATE.eq(QUEUED)), DSL.count().filterWhere(due),
                        DSL.count().filterWhere(JOBS.STATE.eq(RUNNING)), oldestDue)
                .from(JOBS)
                .where(JOBS.STATE.in(QUEUED, RUNNING))
                .groupBy(JOBS.KIND)
                .orderBy(JOBS.KIND)
                .fetch(row -> new QueueDepth(row.value1(), row.value2(), row.value3(), row.value4(),
                        row.value5() == null ? Duration.ZERO : Duration.between(row.value5(), now)));
    }

    Optional<Job> claim(Collection<String> kinds, String owner, Duration lease) {
        OffsetDateTime now = now();
        var due = DSL.select(JOBS.ID).from(JOBS)
                .where(JOBS.KIND.in(kinds))
                .and(JOBS.STATE.in(QUEUED, RUNNING))
                .and(JOBS.RUN_AFTER.le(now)) // lets the partial index jobs_claimable serve both states
                .and(JOBS.STATE.eq(QUEUED).or(JOBS.LEASE_UNTIL.lt(now)))
                .orderBy(JOBS.RUN_AFTER)
                .limit(1)
                .forUpdate().skipLocked();
        return db.update(JOBS)
                .set(JOBS.STATE, RUNNING)
                .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.plus(1))
                .set(JOBS.LEASE_OWNER, owner)
                .set(JOBS.LEASE_UNTIL, now.plus(lease))
                .set(JOBS.UPDATED_AT, now)
                .where(JOBS.ID.eq(due))
                .returning()
                .fetchOptional()
                .map(JobRepository::toJob);
    }

    /** False when the lease is no longer this worker's or the job no longer runs (cancelled, deleted). */
    boolean renew(UUID id, String owner, Duration lease) {
        OffsetDateTime now = now();
        return db.update(JOBS)
                .set(JOBS.LEASE_UNTIL, now.plus(lease))
                .set(JOBS.UPDATED_AT, now)
                .where(held(id, owner))
                .execute() == 1;
    }

    boolean succeed(UUID id, String owner) {
        return end(id, owner, JobState.SUCCEEDED, null);
    }

    boolean bury(UUID id, String owner, String error) {
        return end(id, owner, JobState.DEAD, error);
    }

    boolean requeue(UUID id, String owner, Duration wait, String error) {
        return backToQueue(wait)
                .set(JOBS.LAST_ERROR, error)
                .where(held(id, owner))
                .execute() == 1;
    }

    /**
     * The job is over but its handler could not record that: back in the queue with its attempts used
     * up, so the next claim only tries the death again, with this reason.
     */
    boolean postponeDeath(UUID id, String owner, Duration wait, String reason) {
        return backToQueue(wait)
                .set(JOBS.ATTEMPTS, JOBS.MAX_ATTEMPTS)
                .set(JOBS.LAST_ERROR, reason)
                .where(held(id, owner))
                .execute() == 1;
    }

    /** A graceful stop: back to the queue at once, and the interrupted attempt is not counted. */
    boolean release(UUID id, String owner) {
        return backToQueue(Duration.ZERO)
                .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.minus(1))
                .where(held(id, owner))
                .execute() == 1;
    }

    /**
     * At start: a node's previous life (killed before it could release anything) holds no job any
     * more, so its jobs are queued again now rather than when their leases run out. The attempt that
     * was cut short still counts.
     */
    int requeueLeasesOf(String ownerPrefix) {
        return backToQueue(Duration.ZERO)
                .where(JOBS.STATE.eq(RUNNING).and(JOBS.LEASE_OWNER.startsWith(ownerPrefix)))
                .execute();
    }

    /** Puts a dead or cancelled job back in the queue with all its attempts. */
    boolean retry(UUID id) {
        return backToQueue(Duration.ZERO)
                .set(JOBS.ATTEMPTS, 0)
                .setNull(JOBS.FINISHED_AT)
                .where(JOBS.ID.eq(id).and(JOBS.STATE.in(JobState.DEAD.code(), JobState.CANCELLED.code())))
                .execute() == 1;
    }

    /** The lease owner stays, so the worker's next heartbeat fails and its handler is asked to stop. */
    int cancelFor(UUID recordingId) {
        OffsetDateTime now = now();
        return db.update(JOBS)
                .set(JOBS.STATE, JobState.CANCELLED.code())
                .set(JOBS.FINISHED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .where(JOBS.RECORDING_ID.eq(recordingId).and(JOBS.STATE.in(QUEUED, RUNNING)))
                .execute();
    }

    Optional<JobView> find(UUID id) {
        return db.selectFrom(JOBS).where(JOBS.ID.eq(id)).fetchOptional().map(JobRepository::toView);
    }

    /** A job of this kind on this subject is queued or running. */
    boolean pending(String kind, UUID subjectId) {
        return db.fetchExists(db.selectOne().from(JOBS)
                .where(JOBS.KIND.eq(kind).and(JOBS.SUBJECT_ID.eq(subjectId)).and(JOBS.STATE.in(QUEUED, RUNNING))));
    }

    Optional<JobView> latest(UUID recordingId, String kind) {
        return db.selectFrom(JOBS)
                .where(JOBS.RECORDING_ID.eq(recordingId).and(JOBS.KIND.eq(kind)))
                .orderBy(JOBS.CREATED_AT.desc(), JOBS.ID)
                .limit(1)
                .fetchOptional()
                .map(JobRepository::toView);
    }

    /**
     * Jobs an organization's admin may see: those on its teachers' recordings and those on no
     * recording at all (the system's own work).
     */
    List<JobView> listForOrganization(UUID organizationId, JobState state, int limit) {
        return list(JOBS.STATE.eq(state.code()).and(ofOrganization(organizationId)), limit);
    }

    /** Every organization's: the operator's view. */
    List<JobView> listAll(JobState state, int limit) {
        return list(JOBS.STATE.eq(state.code()), limit);
    }

    private List<JobView> list(Condition condition, int limit) {
        return db.select(JOBS.fields()).from(JOBS)
                .where(condition)
                .orderBy(JOBS.UPDATED_AT.desc(), JOBS.ID)
                .limit(limit)
                .fetch(r -> toView(r.into(JOBS)));
    }

    Optional<JobView> findForOrganization(UUID organizationId, UUID id) {
        return db.select(JOBS.fields()).from(JOBS)
                .where(JOBS.ID.eq(id).and(ofOrganization(organizationId)))
                .fetchOptional(r -> toView(r.into(JOBS)));
    }

    private static Condition ofOrganization(UUID organizationId) {
        return JOBS.RECORDING_ID.isNull().or(JOBS.RECORDING_ID.in(DSL.select(RECORDINGS.ID).from(RECORDINGS)
                .join(USERS).on(USERS.ID.eq(RECORDINGS.OWNER_ID))
                .where(USERS.ORGANIZATION_ID.eq(organizationId))));
    }

    /** Queued again, due after {@code wait}, held by nobody. */
    private UpdateSetMoreStep<JobsRecord> backToQueue(Duration wait) {
        OffsetDateTime now = now();
        return db.update(JOBS)
                .set(JOBS.STATE, QUEUED)
                .set(JOBS.RUN_AFTER, now.plus(wait))
                .setNull(JOBS.LEASE_OWNER)
                .setNull(JOBS.LEASE_UNTIL)
                .set(JOBS.UPDATED_AT, now);
    }

    private boolean end(UUID id, String owner, JobState state, String error) {
        OffsetDateTime now = now();
        return db.update(JOBS)
                .set(JOBS.STATE, state.code())
                .set(JOBS.LAST_ERROR, error == null ? JOBS.LAST_ERROR : DSL.val(error))
                .setNull(JOBS.LEASE_OWNER)
                .setNull(JOBS.LEASE_UNTIL)
                .set(JOBS.FINISHED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .where(held(id, owner))
                .execute() == 1;
    }

    private static Condition held(UUID id, String owner) {
        return JOBS.ID.eq(id).and(JOBS.STATE.eq(RUNNING)).and(JOBS.LEASE_OWNER.eq(owner));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static Job toJob(JobsRecord r) {
        return new Job(r.getId(), r.getKind(), Optional.ofNullable(r.getRecordingId()), Optional.ofNullable(r.getSubjectId()),
                new JsonObject(r.getPayload()), r.getAttempts(), r.getMaxAttempts());
    }

    private static JobView toView(JobsRecord r) {
        return new JobView(r.getId(), r.getKind(), Optional.ofNullable(r.getRecordingId()), JobState.fromCode(r.getState()),
                r.getAttempts(), r.getMaxAttempts(), Optional.ofNullable(r.getLastError()), r.getRunAfter().toInstant(),
                r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant(),
                Optional.ofNullable(r.getFinishedAt()).map(OffsetDateTime::toInstant));
    }
}
