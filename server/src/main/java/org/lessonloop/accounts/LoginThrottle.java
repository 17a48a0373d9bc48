package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.LOGIN_THROTTLE;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.lessonloop.problems.ProblemException;

/**
 * Slows password guessing, in PostgreSQL so that every node counts the same attempts: after
 * {@link #PER_ACCOUNT} failed sign-ins for one account from one client address within the window,
 * or {@link #PER_CLIENT} from one address across all accounts, further attempts are refused until
 * the window has passed. Per account and address, so guessing from one place cannot lock a teacher
 * out everywhere; per address alone, so one place cannot try every email.
 */
public final class LoginThrottle {
    static final int PER_ACCOUNT = 5;
    /** A school behind one NAT signs in from one address: failures only count, and a typo now and then is far below this. */
    static final int PER_CLIENT = 50;

    private final DSLContext db;
    private final Duration window;
    private final Clock clock;

    public LoginThrottle(DSLContext db, Duration window, Clock clock) {
        this.db = db;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts an attempt before the password is checked, so parallel guesses cannot all slip in
     * before the first failure is recorded; {@link #recordSuccess} takes it back.
     */
    public void reserveAttempt(String email, String client) {
        String clientKey = clientKey(client);
        var counts = count(clientKey, accountKey(email, client));
        refuseBeyond(counts.get(clientKey), PER_CLIENT, "from your network");
        refuseBeyond(counts.get(accountKey(email, client)), PER_ACCOUNT, "for this account");
    }

    public void recordSuccess(String email, String client) {
        db.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.KEY_HASH.eq(accountKey(email, client))).execute();
        db.update(LOGIN_THROTTLE).set(LOGIN_THROTTLE.ATTEMPTS, LOGIN_THROTTLE.ATTEMPTS.minus(1))
                .where(LOGIN_THROTTLE.KEY_HASH.eq(clientKey(client)).and(LOGIN_THROTTLE.ATTEMPTS.gt(0))).execute();
    }

    /** Forgets windows that have passed, so the table does not grow with every address ever seen. */
    public int forgetOld() {
        return db.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.WINDOW_START.le(now().minus(window))).execute();
    }

    private record Count(int attempts, OffsetDateTime windowStart) {
    }

    /** One statement, atomic per key: a window that has passed starts again at this attempt. */
    private java.util.Map<String, Count> count(String... keyHashes) {
        OffsetDateTime now = now();
        var expired = LOGIN_THROTTLE.WINDOW_START.le(now.minus(window));
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

    private void refuseBeyond(Count count, int most, String what) {
        if (count.attempts() > most) {
            long wait = Duration.between(now(), count.windowStart().plus(window)).toSeconds() + 1;
            throw ProblemException.tooManyRequests("Too many failed sign-ins " + what + ". Try again in " + wait + " seconds.");
        }
    }

    private static String accountKey(String email, String client) {
        return Tokens.sha256("account|" + email + "|" + client);
    }

    private static String clientKey(String client) {
        return Tokens.sha256("client|" + client);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
