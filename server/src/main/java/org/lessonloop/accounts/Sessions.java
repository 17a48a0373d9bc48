package org.lessonloop.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.database.CoherentCache;
import org.lessonloop.database.DatabaseChanges;
import org.lessonloop.problems.ProblemException;

/** Sessions: opened at sign-in, looked up on every request, listed and ended by their person. */
@FeatureApi
public final class Sessions {
    /** Two units a signed-in browser (its group and its session): a few MiB. */
    private static final long CACHED_SESSIONS = 100_000;
    /** Sessions per person: a phone, a laptop, a school computer or three; the oldest beyond go. */
    static final int MOST_PER_USER = 10;
    /** "Last seen" is written at most this often, so a busy page does not write on every request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(5);

    private final SessionRepository sessions;
    private final Duration ttl;
    private final Clock clock;
    private final CoherentCache<String, String, SessionRepository.Live> live;
    private final ConcurrentMap<String, Instant> touched = new ConcurrentHashMap<>();

    /**
     * Every API request looks its session up, so live sessions are cached on each node, keyed by
     * the token's hash; sign-out and any change to a user drop them on every node (migration V5).
     */
    public Sessions(SessionRepository sessions, Duration ttl, Clock clock, DatabaseChanges changes) {
        this.sessions = sessions;
        this.ttl = ttl;
        this.clock = clock;
        this.live = changes.cache("session", tokenHash -> tokenHash, CACHED_SESSIONS, 1, session -> 1);
    }

    /** The new session's cookie token (never stored) and who signed in. */
    public record SignedIn(String token, CurrentUser user) {
    }

    /** A new session id for every sign-in (no fixation); the browser's previous one ends. */
    public SignedIn open(User user, String device, Optional<String> previousToken) {
        previousToken.ifPresent(this::signOut);
        String token = Tokens.random();
        String tokenHash = Tokens.sha256(token);
        String csrf = Tokens.random();
        OffsetDateTime now = now();
        sessions.insert(tokenHash, user.id(), csrf, device, now, now.plus(ttl));
        sessions.keepNewest(user.id(), MOST_PER_USER).forEach(live::invalidate);
        return new SignedIn(token, new CurrentUser(user, csrf, tokenHash));
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

    /** Whether this request should note that the session was seen (once per {@link #TOUCH_EVERY} per node). */
    public boolean dueForTouch(CurrentUser user) {
        Instant now = clock.instant();
        Instant last = touched.get(user.sessionTokenHash());
        if (last != null && last.isAfter(now.minus(TOUCH_EVERY))) {
            return false;
        }
        touched.put(user.sessionTokenHash(), now);
        return true;
    }

    public void touch(CurrentUser user) {
        sessions.touch(user.sessionTokenHash(), now(), TOUCH_EVERY);
    }

    /** One of a person's live sessions, {@code current} when it is the one asking. */
    public record Active(UUID id, String device, OffsetDateTime createdAt, OffsetDateTime lastSeenAt, boolean current) {
    }

    public List<Active> list(CurrentUser me) {
        return sessions.listLive(me.id(), now()).stream()
                .map(s -> new Active(s.id(), s.device(), s.createdAt(), s.lastSeenAt(), s.tokenHash().equals(me.sessionTokenHash())))
                .toList();
    }

    /** Ends one of the person's own sessions; another person's is not found. */
    public void end(CurrentUser me, UUID sessionId) {
        String tokenHash = sessions.deleteById(me.id(), sessionId)
                .orElseThrow(() -> ProblemException.notFound("You have no session " + sessionId + "."));
        live.invalidate(tokenHash);
    }

    /** Signs the user out everywhere, but for the session {@code keep} (null: none). */
    public int endAll(UUID userId, String keep) {
        List<String> ended = sessions.deleteAllOf(userId, keep);
        ended.forEach(live::invalidate);
        return ended.size();
    }

    public void signOut(String token) {
        String tokenHash = Tokens.sha256(token);
        sessions.delete(tokenHash);
        live.invalidate(tokenHash);
    }

    public int purgeExpired() {
        Instant stale = clock.instant().minus(TOUCH_EVERY);
        touched.values().removeIf(seen -> seen.isBefore(stale));
        return sessions.deleteExpired(now());
    }

    public Duration ttl() {
        return ttl;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
