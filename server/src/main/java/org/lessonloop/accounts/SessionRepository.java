package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.SESSIONS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Server-side sessions: only the SHA-256 of the cookie token is stored. */
public final class SessionRepository {
    private final DSLContext db;

    public SessionRepository(DSLContext db) {
        this.db = db;
    }

    public void insert(String tokenHash, UUID userId, String csrfToken, OffsetDateTime expiresAt) {
        db.insertInto(SESSIONS)
                .set(SESSIONS.TOKEN_HASH, tokenHash)
                .set(SESSIONS.USER_ID, userId)
                .set(SESSIONS.CSRF_TOKEN, csrfToken)
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
