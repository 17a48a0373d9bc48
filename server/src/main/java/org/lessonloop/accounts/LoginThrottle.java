package org.lessonloop.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
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

    private final LoginThrottleRepository counters;
    private final Duration window;
    private final Clock clock;

    public LoginThrottle(DSLContext db, Duration window, Clock clock) {
        this.counters = new LoginThrottleRepository(db);
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts an attempt before the password is checked, so parallel guesses cannot all slip in
     * before the first failure is recorded; {@link #recordSuccess} takes it back.
     */
    public void reserveAttempt(String email, String client) {
        String clientKey = clientKey(client);
        OffsetDateTime now = now();
        var counts = counters.count(now, now.minus(window), clientKey, accountKey(email, client));
        refuseBeyond(counts.get(clientKey), PER_CLIENT, "from your network");
        refuseBeyond(counts.get(accountKey(email, client)), PER_ACCOUNT, "for this account");
    }

    public void recordSuccess(String email, String client) {
        counters.forget(accountKey(email, client));
        counters.takeBack(clientKey(client));
    }

    /** Forgets windows that have passed, so the table does not grow with every address ever seen. */
    public int forgetOld() {
        return counters.forgetStartedBy(now().minus(window));
    }

    private void refuseBeyond(LoginThrottleRepository.Count count, int most, String what) {
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
