package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.SESSIONS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Server-side sessions: only the SHA-256 of the cookie token is stored. */
public final class SessionRepository {
    private final DSLContext db;

    public SessionRepository(DSLContext db) {
        this.db = db;
    }

    public void insert(String tokenHash, UUID userId, String csrfToken, String device, OffsetDateTime now, OffsetDateTime expiresAt) {
        db.insertInto(SESSIONS)
                .set(SESSIONS.ID, UUID.randomUUID())
                .set(SESSIONS.TOKEN_HASH, tokenHash)
                .set(SESSIONS.USER_ID, userId)
                .set(SESSIONS.CSRF_TOKEN, csrfToken)
                .set(SESSIONS.DEVICE, device)
                .set(SESSIONS.CREATED_AT, now)
                .set(SESSIONS.LAST_SEEN_AT, now)
                .set(SESSIONS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** A session that has not expired yet, and when it will. */
    public record Live(CurrentUser user, OffsetDateTime expiresAt) {
    }

    public Optional<Live> findLive(String tokenHash, OffsetDateTime now) {
        return db.select(USERS.fields()).select(SESSIONS.CSRF_TOKEN, SESSIONS.EXPIRES_AT)
                .from(SESSIONS).join(USERS).on(USERS.ID.eq(SESSIONS.USER_ID))
                .where(SESSIONS.TOKEN_HASH.eq(tokenHash).and(SESSIONS.EXPIRES_AT.gt(now)))
                .fetchOptional()
                .map(r -> new Live(new CurrentUser(UserRepository.toUser(r), r.get(SESSIONS.CSRF_TOKEN), tokenHash),
                        r.get(SESSIONS.EXPIRES_AT)));
    }

    /** One of a person's sessions, as their security page lists it. */
    public record Listed(UUID id, String tokenHash, String device, OffsetDateTime createdAt, OffsetDateTime lastSeenAt) {
    }

    public List<Listed> listLive(UUID userId, OffsetDateTime now) {
        return db.select(SESSIONS.ID, SESSIONS.TOKEN_HASH, SESSIONS.DEVICE, SESSIONS.CREATED_AT, SESSIONS.LAST_SEEN_AT)
                .from(SESSIONS).where(SESSIONS.USER_ID.eq(userId).and(SESSIONS.EXPIRES_AT.gt(now)))
                .orderBy(SESSIONS.LAST_SEEN_AT.desc())
                .fetch(r -> new Listed(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Keeps a user's {@code most} most recently seen sessions; returns the token hashes of those ended. */
    public List<String> keepNewest(UUID userId, int most) {
        var newest = DSL.select(SESSIONS.TOKEN_HASH).from(SESSIONS).where(SESSIONS.USER_ID.eq(userId))
                .orderBy(SESSIONS.LAST_SEEN_AT.desc(), SESSIONS.CREATED_AT.desc()).limit(most);
        return db.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(userId).and(SESSIONS.TOKEN_HASH.notIn(newest)))
                .returning(SESSIONS.TOKEN_HASH).fetch(SESSIONS.TOKEN_HASH);
    }

    /** Ends the user's session of this id (no one else's); the token hash it had. */
    public Optional<String> deleteById(UUID userId, UUID id) {
        return db.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(userId).and(SESSIONS.ID.eq(id)))
                .returning(SESSIONS.TOKEN_HASH).fetchOptional(SESSIONS.TOKEN_HASH);
    }

    /** Ends every session of the user but {@code keep} (none, when null); the token hashes ended. */
    public List<String> deleteAllOf(UUID userId, String keep) {
        var condition = SESSIONS.USER_ID.eq(userId);
        if (keep != null) {
            condition = condition.and(SESSIONS.TOKEN_HASH.ne(keep));
        }
        return db.deleteFrom(SESSIONS).where(condition).returning(SESSIONS.TOKEN_HASH).fetch(SESSIONS.TOKEN_HASH);
    }

    /** Last seen now, written at most once per {@code every} (the trigger of V7 ignores this column). */
    public void touch(String tokenHash, OffsetDateTime now, java.time.Duration every) {
        db.update(SESSIONS).set(SESSIONS.LAST_SEEN_AT, now)
                .where(SESSIONS.TOKEN_HASH.eq(tokenHash).and(SESSIONS.LAST_SEEN_AT.lt(now.minus(every)))).execute();
    }

    public void delete(String tokenHash) {
        db.deleteFrom(SESSIONS).where(SESSIONS.TOKEN_HASH.eq(tokenHash)).execute();
    }

    int deleteForUser(UUID userId) {
        return db.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(userId)).execute();
    }

    public int deleteExpired(OffsetDateTime now) {
        return db.deleteFrom(SESSIONS).where(SESSIONS.EXPIRES_AT.le(now)).execute();
    }
}
