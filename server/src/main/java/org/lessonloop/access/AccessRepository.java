package org.lessonloop.access;

import static org.lessonloop.db.Tables.COACHING_PAIRS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.RECORDING_SHARES;

import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.lessonloop.architecture.FeatureApi;

/**
 * The queries behind the access policy: ownership, direct shares and teachers' standing pair shares.
 * Its public part is the access rule as SQL, for other features' repositories to put in their own
 * queries, so that a list of what someone may see stays one query; decisions about one recording
 * go through {@link AccessPolicy}.
 */
@FeatureApi
public final class AccessRepository {
    private final DSLContext db;

    AccessRepository(DSLContext db) {
        this.db = db;
    }

    /** The user's access, and when it lapses by itself (a share's end), if it does. */
    AccessPolicy.Decision decide(UUID userId, UUID recordingId) {
        var row = db.select(RECORDINGS.OWNER_ID, RECORDING_SHARES.PERMISSION, COACHING_PAIRS.STANDING_PERMISSION,
                        RECORDING_SHARES.EXPIRES_AT)
                .from(RECORDINGS)
                .leftJoin(RECORDING_SHARES).on(RECORDING_SHARES.RECORDING_ID.eq(RECORDINGS.ID).and(RECORDING_SHARES.USER_ID.eq(userId))
                        .and(shareInForce()))
                .leftJoin(COACHING_PAIRS).on(COACHING_PAIRS.TEACHER_ID.eq(RECORDINGS.OWNER_ID).and(COACHING_PAIRS.COACH_ID.eq(userId)))
                .where(RECORDINGS.ID.eq(recordingId))
                .fetchOne();
        if (row == null) {
            return new AccessPolicy.Decision(Access.NONE, null);
        }
        if (row.value1().equals(userId)) {
            return new AccessPolicy.Decision(Access.OWNER, null);
        }
        Access access = Access.granted(row.value2(), row.value3());
        // A standing pair share as strong as the expiring share outlives it.
        boolean lapses = row.value4() != null && Access.granted(null, row.value3()).compareTo(access) < 0;
        return new AccessPolicy.Decision(access, lapses ? row.value4().toInstant() : null);
    }

    /** A share counts until its end, if it has one (migration V12); compared with the database's clock. */
    static Condition shareInForce() {
        return RECORDING_SHARES.EXPIRES_AT.isNull().or(RECORDING_SHARES.EXPIRES_AT.gt(DSL.currentOffsetDateTime()));
    }

    /** Rows of RECORDINGS the user may view: owned, shared directly, or under a standing pair share. */
    public static Condition visibleTo(UUID userId) {
        return RECORDINGS.OWNER_ID.eq(userId)
                .or(DSL.exists(DSL.selectOne().from(RECORDING_SHARES)
                        .where(RECORDING_SHARES.RECORDING_ID.eq(RECORDINGS.ID).and(RECORDING_SHARES.USER_ID.eq(userId)))
                        .and(shareInForce())))
                .or(DSL.exists(DSL.selectOne().from(COACHING_PAIRS)
                        .where(COACHING_PAIRS.TEACHER_ID.eq(RECORDINGS.OWNER_ID)
                                .and(COACHING_PAIRS.COACH_ID.eq(userId))
                                .and(COACHING_PAIRS.STANDING_PERMISSION.isNotNull()))));
    }

    /**
     * Teachers whose work this user may see: themselves, and any teacher one of whose recordings
     * they may view. A coach without a share sees no teacher's goals.
     */
    public static Condition teacherVisibleTo(UUID userId, Field<UUID> teacherId) {
        return teacherId.eq(userId).or(DSL.exists(DSL.selectOne().from(RECORDINGS)
                .where(RECORDINGS.OWNER_ID.eq(teacherId).and(visibleTo(userId)))));
    }

    /** The caller's access as a column ("owner", "comment", "view"), for list queries. */
    public static Field<String> accessColumn(UUID userId) {
        Field<String> share = DSL.field(DSL.select(RECORDING_SHARES.PERMISSION).from(RECORDING_SHARES)
                .where(RECORDING_SHARES.RECORDING_ID.eq(RECORDINGS.ID).and(RECORDING_SHARES.USER_ID.eq(userId)))
                .and(shareInForce()));
        Field<String> standing = DSL.field(DSL.select(COACHING_PAIRS.STANDING_PERMISSION).from(COACHING_PAIRS)
                .where(COACHING_PAIRS.TEACHER_ID.eq(RECORDINGS.OWNER_ID).and(COACHING_PAIRS.COACH_ID.eq(userId))));
        return DSL.when(RECORDINGS.OWNER_ID.eq(userId), DSL.inline("owner"))
                .when(share.eq("comment").or(standing.eq("comment")), DSL.inline("comment"))
                .otherwise(DSL.inline("view"));
    }

    /**
     * For the owner's list: when the first of the recording's shares in force ends (to warn her
     * before it lapses); null for anyone else, and when no share has an end.
     */
    public static Field<java.time.OffsetDateTime> firstShareEnd(UUID userId) {
        Field<java.time.OffsetDateTime> first = DSL.field(DSL.select(DSL.min(RECORDING_SHARES.EXPIRES_AT)).from(RECORDING_SHARES)
                .where(RECORDING_SHARES.RECORDING_ID.eq(RECORDINGS.ID))
                .and(RECORDING_SHARES.EXPIRES_AT.gt(DSL.currentOffsetDateTime())));
        return DSL.when(RECORDINGS.OWNER_ID.eq(userId), first);
    }
}
