package org.lessonloop.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.database.CoherentCache;
import org.lessonloop.database.DatabaseChanges;
import org.lessonloop.problems.ProblemException;

/** Sign-in, sign-out and session lookup. Every sign-in makes a new session id (no fixation). */
@FeatureApi
public final class Sessions {
    /** Two units a signed-in browser (its group and its session): a few MiB. */
    private static final long CACHED_SESSIONS = 100_000;

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Duration ttl;
    private final Clock clock;
    private final Semaphore hashing = new Semaphore(Runtime.getRuntime().availableProcessors());
    private final CoherentCache<String, String, SessionRepository.Live> live;

    /**
     * Every API request looks its session up, so live sessions are cached on each node, keyed by
     * the token's hash; sign-out and any change to a user drop them on every node (migration V5).
     */
    public Sessions(UserRepository users, SessionRepository sessions, PasswordHasher hasher, LoginThrottle throttle,
                    Duration ttl, Clock clock, DatabaseChanges changes) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.ttl = ttl;
        this.clock = clock;
        this.live = changes.cache("session", tokenHash -> tokenHash, CACHED_SESSIONS, 1, session -> 1);
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

    /** The live session if this node has it cached: answered without the database, or empty when it would need it. */
    public Optional<CurrentUser> findCached(String token) {
        String tokenHash = Tokens.sha256(token);
        return stillLive(live.peek(tokenHash, tokenHash), now());
    }

    public Optional<CurrentUser> find(String token) {
        String tokenHash = Tokens.sha256(token);
        OffsetDateTime now = now();
        return stillLive(live.getOrLoad(tokenHash, tokenHash, () -> sessions.findLive(tokenHash, now).orElse(null)), now);
    }

    /** A cached session may have expired since it was read. */
    private static Optional<CurrentUser> stillLive(SessionRepository.Live session, OffsetDateTime now) {
        return Optional.ofNullable(session).filter(s -> s.expiresAt().isAfter(now)).map(SessionRepository.Live::user);
    }

    /**
     * Told, by token hash, of every session that may have ended or changed (sign-out, a user edited),
     * on this node or any other: what outlives a request (a live socket) looks its session up again.
     */
    public void watch(CoherentCache.Watcher<String> watcher) {
        live.watch(watcher);
    }

    public void signOut(String token) {
        String tokenHash = Tokens.sha256(token);
        sessions.delete(tokenHash);
        live.invalidate(tokenHash);
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
