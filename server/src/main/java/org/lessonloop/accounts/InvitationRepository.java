package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.INVITATIONS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** One-time links to set a password; only the SHA-256 of a link's token is stored. */
public final class InvitationRepository {
    private final DSLContext db;

    public InvitationRepository(DSLContext db) {
        this.db = db;
    }

    /** The one pending link of the user: any earlier one stops working. */
    public void replace(String tokenHash, UUID userId, InvitationKind kind, UUID createdBy, OffsetDateTime now, OffsetDateTime expiresAt) {
        deleteAllOf(userId);
        db.insertInto(INVITATIONS)
                .set(INVITATIONS.TOKEN_HASH, tokenHash)
                .set(INVITATIONS.USER_ID, userId)
                .set(INVITATIONS.KIND, kind.code())
                .set(INVITATIONS.CREATED_BY, createdBy)
                .set(INVITATIONS.CREATED_AT, now)
                .set(INVITATIONS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** A link that still works, with whom it is for. */
    public record Pending(User user, InvitationKind kind, OffsetDateTime expiresAt) {
    }

    public Optional<Pending> findLive(String tokenHash, OffsetDateTime now) {
        return db.select(USERS.fields()).select(INVITATIONS.KIND, INVITATIONS.EXPIRES_AT)
                .from(INVITATIONS).join(USERS).on(USERS.ID.eq(INVITATIONS.USER_ID))
                .where(INVITATIONS.TOKEN_HASH.eq(tokenHash).and(INVITATIONS.EXPIRES_AT.gt(now)))
                .fetchOptional(r -> new Pending(UserRepository.toUser(r), InvitationKind.fromCode(r.get(INVITATIONS.KIND)),
                        r.get(INVITATIONS.EXPIRES_AT)));
    }

    /** Uses the link up, once: of two accepting at the same moment, one gets it. */
    public Optional<Pending> consume(String tokenHash, OffsetDateTime now) {
        Optional<Pending> pending = findLive(tokenHash, now);
        int deleted = db.deleteFrom(INVITATIONS)
                .where(INVITATIONS.TOKEN_HASH.eq(tokenHash).and(INVITATIONS.EXPIRES_AT.gt(now))).execute();
        return deleted == 1 ? pending : Optional.empty();
    }

    public void deleteAllOf(UUID userId) {
        db.deleteFrom(INVITATIONS).where(INVITATIONS.USER_ID.eq(userId)).execute();
    }

    public int deleteExpired(OffsetDateTime now) {
        return db.deleteFrom(INVITATIONS).where(INVITATIONS.EXPIRES_AT.le(now)).execute();
    }
}
