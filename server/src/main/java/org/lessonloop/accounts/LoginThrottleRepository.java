package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.LOGIN_THROTTLE;

import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The failed-attempt counters of {@link LoginThrottle}, one row per hashed key (account and address, or address alone). */
final class LoginThrottleRepository {
    record Count(int attempts, OffsetDateTime windowStart) {
    }

    private final DSLContext db;

    LoginThrottleRepository(DSLContext db) {
        this.db = db;
    }

    /** Adds one attempt to each key in one statement, atomic per key: a window started at or before {@code expiredAt} starts again now. */
    Map<String, Count> count(OffsetDateTime now, OffsetDateTime expiredAt, String... keyHashes) {
        var expired = LOGIN_THROTTLE.WINDOW_START.le(expiredAt);
        var insert = db.insertInto(LOGIN_THROTTLE, LOGIN_THROTTLE.KEY_HASH, LOGIN_THROTTLE.ATTEMPTS, LOGIN_THROTTLE.WINDOW_START);
        for (String keyHash : keyHashes) {
            insert = insert.values(keyHash, 1, now);
        }
        return insert.onConflict(LOGIN_THROTTLE.KEY_HASH).doUpdate()
                .set(LOGIN_THROTTLE.ATTEMPTS, DSL.when(expired, DSL.inline(1)).otherwise(LOGIN_THROTTLE.ATTEMPTS.plus(1)))
                .set(LOGIN_THROTTLE.WINDOW_START, DSL.when(expired, DSL.val(now)).otherwise(LOGIN_THROTTLE.WINDOW_START))
                .returning(LOGIN_THROTTLE.KEY_HASH, LOGIN_THROTTLE.ATTEMPTS, LOGIN_THROTTLE.WINDOW_START)
                .fetch().intoMap(r -> r.get(LOGIN_THROTTLE.KEY_HASH), r -> new Count(r.get(LOGIN_THROTTLE.ATTEMPTS), r.get(LOGIN_THROTTLE.WINDOW_START)));
    }

    void forget(String keyHash) {
        db.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KEY_HASH.eq(keyHash)).execute();
    }

    /** Takes one attempt back, never below none. */
    void takeBack(String keyHash) {
        db.update(LOGIN_THROTTLE).set(LOGIN_THROTTLE.ATTEMPTS, LOGIN_THROTTLE.ATTEMPTS.minus(1))
                .where(LOGIN_THROTTLE.KEY_HASH.eq(keyHash).and(LOGIN_THROTTLE.ATTEMPTS.gt(0))).execute();
    }

    int forgetStartedBy(OffsetDateTime cutoff) {
        return db.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.WINDOW_START.le(cutoff)).execute();
    }
}
