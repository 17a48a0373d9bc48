package org.lessonloop.retention;

import static org.lessonloop.db.Tables.AUDIT_EVENTS;
import static org.lessonloop.db.Tables.CLIPS;
import static org.lessonloop.db.Tables.COMMENTS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.RECORDING_SHARES;
import static org.lessonloop.db.Tables.RETENTION_POLICIES;
import static org.lessonloop.db.Tables.RETENTION_WARNINGS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.lessonloop.recordings.RecordingState;

/**
 * The retention policies, and the questions retention asks of recordings. It reads other
 * features' tables (comments, clips, shares, audit) but writes only its own: a recording's last
 * activity is what those rows already say, so no feature has to remember to report it.
 */
final class RetentionRepository {
    /** Only one node's sweep runs at a time (a transaction-scoped advisory lock); the others skip theirs. */
    private static final long SWEEP_LOCK = 0x5245_5445_4e54L;

    /**
     * A recording's last activity: created, edited or uploaded (updated_at), kept, commented on,
     * clipped, shared, or anything a person did that the audit recorded (views, exports, shares).
     * System lines (no actor, such as a purged original) do not count. GREATEST skips nulls.
     */
    static final Field<OffsetDateTime> LAST_ACTIVITY = DSL.greatest(RECORDINGS.CREATED_AT, RECORDINGS.UPDATED_AT,
            RECORDINGS.KEPT_AT,
            DSL.field(DSL.select(DSL.max(DSL.greatest(COMMENTS.CREATED_AT, COMMENTS.EDITED_AT))).from(COMMENTS)
                    .where(COMMENTS.RECORDING_ID.eq(RECORDINGS.ID))),
            DSL.field(DSL.select(DSL.max(CLIPS.UPDATED_AT)).from(CLIPS).where(CLIPS.RECORDING_ID.eq(RECORDINGS.ID))),
            DSL.field(DSL.select(DSL.max(RECORDING_SHARES.CREATED_AT)).from(RECORDING_SHARES)
                    .where(RECORDING_SHARES.RECORDING_ID.eq(RECORDINGS.ID))),
            DSL.field(DSL.select(DSL.max(AUDIT_EVENTS.OCCURRED_AT)).from(AUDIT_EVENTS)
                    .where(AUDIT_EVENTS.RECORDING_ID.eq(RECORDINGS.ID).and(AUDIT_EVENTS.ACTOR_ID.isNotNull()))));

    private static final Field<OffsetDateTime> DELETE_AT = plusDays(LAST_ACTIVITY, RETENTION_POLICIES.DELETE_INACTIVE_DAYS);
    private static final Field<OffsetDateTime> PURGE_AT = plusDays(RECORDINGS.RENDITIONS_AT, RETENTION_POLICIES.PURGE_ORIGINALS_DAYS);

    private final DSLContext db;

    RetentionRepository(DSLContext db) {
        this.db = db;
    }

    RetentionPolicy policy(UUID organizationId) {
        return db.selectFrom(RETENTION_POLICIES).where(RETENTION_POLICIES.ORGANIZATION_ID.eq(organizationId)).fetchOptional()
                .map(r -> new RetentionPolicy(Optional.ofNullable(r.getPurgeOriginalsDays()), Optional.ofNullable(r.getDeleteInactiveDays()),
                        Optional.ofNullable(r.getWarnDays())))
                .orElse(RetentionPolicy.NONE);
    }

    void save(UUID organizationId, RetentionPolicy policy, UUID by, OffsetDateTime at) {
        db.insertInto(RETENTION_POLICIES)
                .set(RETENTION_POLICIES.ORGANIZATION_ID, organizationId)
                .set(RETENTION_POLICIES.PURGE_ORIGINALS_DAYS, policy.purgeOriginalsDays().orElse(null))
                .set(RETENTION_POLICIES.DELETE_INACTIVE_DAYS, policy.deleteInactiveDays().orElse(null))
                .set(RETENTION_POLICIES.WARN_DAYS, policy.warnDays().orElse(null))
                .set(RETENTION_POLICIES.UPDATED_BY, by)
                .set(RETENTION_POLICIES.UPDATED_AT, at)
                .onConflict(RETENTION_POLICIES.ORGANIZATION_ID).doUpdate()
                .set(RETENTION_POLICIES.PURGE_ORIGINALS_DAYS, policy.purgeOriginalsDays().orElse(null))
                .set(RETENTION_POLICIES.DELETE_INACTIVE_DAYS, policy.deleteInactiveDays().orElse(null))
                .set(RETENTION_POLICIES.WARN_DAYS, policy.warnDays().orElse(null))
                .set(RETENTION_POLICIES.UPDATED_BY, by)
                .set(RETENTION_POLICIES.UPDATED_AT, at)
                .execute();
    }

    /** One owner's recordings whose deletion is {@code warnDays} away or nearer at {@code now}, soonest first. */
    List<RetentionNotice> notices(UUID ownerId, OffsetDateTime now) {
        return notices(RECORDINGS.OWNER_ID.eq(ownerId), now);
    }

    /** Everyone's notices whose owner has not been warned of that deletion date yet (at most a thousand: the next sweep takes the rest). */
    List<RetentionNotice> unwarned(OffsetDateTime now) {
        return notices(DSL.notExists(DSL.selectOne().from(RETENTION_WARNINGS)
                .where(RETENTION_WARNINGS.RECORDING_ID.eq(RECORDINGS.ID).and(RETENTION_WARNINGS.DELETE_AT.eq(DELETE_AT)))), now);
    }

    /** The owners were warned that these recordings go at their {@code deleteAt}. */
    void warned(List<RetentionNotice> notices, OffsetDateTime at) {
        for (RetentionNotice notice : notices) {
            db.insertInto(RETENTION_WARNINGS)
                    .set(RETENTION_WARNINGS.RECORDING_ID, notice.recordingId())
                    .set(RETENTION_WARNINGS.DELETE_AT, notice.deleteAt())
                    .set(RETENTION_WARNINGS.WARNED_AT, at)
                    .onConflict(RETENTION_WARNINGS.RECORDING_ID).doUpdate()
                    .set(RETENTION_WARNINGS.DELETE_AT, notice.deleteAt())
                    .set(RETENTION_WARNINGS.WARNED_AT, at)
                    .execute();
        }
    }

    private List<RetentionNotice> notices(Condition which, OffsetDateTime now) {
        Field<OffsetDateTime> warnFrom = plusDays(DELETE_AT, RETENTION_POLICIES.WARN_DAYS.neg());
        return db.select(RECORDINGS.ID, RECORDINGS.OWNER_ID, RECORDINGS.TITLE, LAST_ACTIVITY, DELETE_AT)
                .from(RECORDINGS)
                .join(USERS).on(USERS.ID.eq(RECORDINGS.OWNER_ID))
                .join(RETENTION_POLICIES).on(RETENTION_POLICIES.ORGANIZATION_ID.eq(USERS.ORGANIZATION_ID))
                .where(which.and(RETENTION_POLICIES.DELETE_INACTIVE_DAYS.isNotNull()).and(warnFrom.le(now)))
                .orderBy(DELETE_AT.asc())
                .limit(1000)
                .fetch(r -> new RetentionNotice(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Recordings retention deletes at {@code now}; with {@code only}, just that one if it is still due. */
    List<UUID> dueForDeletion(OffsetDateTime now, Optional<UUID> only, int limit) {
        return db.select(RECORDINGS.ID).from(RECORDINGS)
                .join(USERS).on(USERS.ID.eq(RECORDINGS.OWNER_ID))
                .join(RETENTION_POLICIES).on(RETENTION_POLICIES.ORGANIZATION_ID.eq(USERS.ORGANIZATION_ID))
                .where(RETENTION_POLICIES.DELETE_INACTIVE_DAYS.isNotNull().and(DELETE_AT.le(now)).and(one(only)))
                .limit(limit)
                .fetch(RECORDINGS.ID);
    }

    /** Ready recordings whose original retention purges at {@code now} (renditions for long enough); with {@code only}, just that one. */
    List<UUID> dueForPurge(OffsetDateTime now, Optional<UUID> only, int limit) {
        return db.select(RECORDINGS.ID).from(RECORDINGS)
                .join(USERS).on(USERS.ID.eq(RECORDINGS.OWNER_ID))
                .join(RETENTION_POLICIES).on(RETENTION_POLICIES.ORGANIZATION_ID.eq(USERS.ORGANIZATION_ID))
                .where(RETENTION_POLICIES.PURGE_ORIGINALS_DAYS.isNotNull().and(RECORDINGS.SOURCE_KEY.isNotNull())
                        .and(RECORDINGS.STATUS.eq(RecordingState.READY.code())).and(PURGE_AT.le(now)).and(one(only)))
                .limit(limit)
                .fetch(RECORDINGS.ID);
    }

    /** Takes the sweep's lock for the caller's transaction; false when another node holds it. */
    boolean lockSweep() {
        return Boolean.TRUE.equals(db.select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, DSL.val(SWEEP_LOCK)))
                .fetchOne(0, Boolean.class));
    }

    private static Condition one(Optional<UUID> only) {
        return only.map(RECORDINGS.ID::eq).orElse(DSL.noCondition());
    }

    private static Field<OffsetDateTime> plusDays(Field<OffsetDateTime> at, Field<Integer> days) {
        return DSL.field("{0} + make_interval(days => {1})", OffsetDateTime.class, at, days);
    }
}
