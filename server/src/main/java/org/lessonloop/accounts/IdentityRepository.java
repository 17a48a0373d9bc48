package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.USER_IDENTITIES;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Accounts at an OpenID provider linked to ours, by the provider's issuer and subject. */
final class IdentityRepository {
    private final DSLContext db;

    IdentityRepository(DSLContext db) {
        this.db = db;
    }

    /** The account linked to the provider's subject. */
    Optional<UUID> userOf(String issuer, String subject) {
        return db.select(USER_IDENTITIES.USER_ID).from(USER_IDENTITIES)
                .where(USER_IDENTITIES.ISSUER.eq(issuer).and(USER_IDENTITIES.SUBJECT.eq(subject)))
                .fetchOptional(USER_IDENTITIES.USER_ID);
    }

    boolean linkedToIssuer(UUID userId, String issuer) {
        return db.fetchExists(USER_IDENTITIES, USER_IDENTITIES.USER_ID.eq(userId).and(USER_IDENTITIES.ISSUER.eq(issuer)));
    }

    /** False when the subject, or this account at this provider, was linked meanwhile (two sign-ins at once). */
    boolean link(String issuer, String subject, UUID userId, OffsetDateTime now) {
        try {
            return db.insertInto(USER_IDENTITIES)
                    .set(USER_IDENTITIES.ISSUER, issuer)
                    .set(USER_IDENTITIES.SUBJECT, subject)
                    .set(USER_IDENTITIES.USER_ID, userId)
                    .set(USER_IDENTITIES.LINKED_AT, now)
                    .set(USER_IDENTITIES.LAST_USED_AT, now)
                    .execute() == 1;
        } catch (IntegrityConstraintViolationException e) {
            return false;
        }
    }

    void used(String issuer, String subject, OffsetDateTime now) {
        db.update(USER_IDENTITIES).set(USER_IDENTITIES.LAST_USED_AT, now)
                .where(USER_IDENTITIES.ISSUER.eq(issuer).and(USER_IDENTITIES.SUBJECT.eq(subject))).execute();
    }
}
