package org.lessonloop.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.lessonloop.problems.ProblemException;

/** Sign-in, sign-out and session lookup. Every sign-in makes a new session id (no fixation). */
public final class Sessions {
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Duration ttl;
    private final Clock clock;
    private final Semaphore hashing = new Semaphore(Runtime.getRuntime().availableProcessors());

    public Sessions(UserRepository users, SessionRepository sessions, PasswordHasher hasher, LoginThrottle throttle,
                    Duration ttl, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The new session's cookie token (never stored) and who signed in. */
    public record SignedIn(String token, CurrentUser user) {
    }

    /** {@code client} (the caller's address) keys the throttle with the email, so guessing from one place cannot lock a teacher out everywhere. */
    public SignedIn signIn(String email, String password, String client, Optional<String> previousToken) {
        String normalized = email.toLowerCase(Locale.ROOT);
        String throttleKey = normalized + "|" + client;
        throttle.reserveAttempt(throttleKey);
        Optional<UserRepository.Credentials> credentials = users.findCredentials(normalized);
        if (!checkPassword(password, credentials)) {
            throw ProblemException.unauthorized("The email or password is not right.");
        }
        throttle.recordSuccess(throttleKey);
        previousToken.ifPresent(this::signOut);
        String token = Tokens.random();
        String tokenHash = Tokens.sha256(token);
        String csrf = Tokens.random();
        sessions.insert(tokenHash, credentials.get().user().id(), csrf, now().plus(ttl));
        return new SignedIn(token, new CurrentUser(credentials.get().user(), csrf, tokenHash));
    }

    /** At most one slow hash per core at a time: a burst of sign-ins must not starve everything else. */
    private boolean checkPassword(String password, Optional<UserRepository.Credentials> credentials) {
        hashing.acquireUninterruptibly();
        try {
            if (credentials.isEmpty()) {
                hasher.simulateCheck(password);
                return false;
            }
            return hasher.matches(password, credentials.get().passwordHash());
        } finally {
            hashing.release();
        }
    }

    public Optional<CurrentUser> find(String token) {
        return sessions.findLive(Tokens.sha256(token), now());
    }

    public void signOut(String token) {
        sessions.delete(Tokens.sha256(token));
    }

    public int purgeExpired() {
        throttle.forgetOld();
        return sessions.deleteExpired(now());
    }

    public Duration ttl() {
        return ttl;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
