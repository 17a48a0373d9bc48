package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.OIDC_FLOWS;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** Sign-ins under way at the provider, by the SHA-256 of their state; each is used once. */
final class OidcFlowRepository {
    private final DSLContext db;

    OidcFlowRepository(DSLContext db) {
        this.db = db;
    }

    /** What the callback needs to finish the sign-in; {@code invitationHash} when it began at an invitation link. */
    record Flow(String nonce, String codeVerifier, URI redirectUri, Optional<String> invitationHash) {
    }

    void insert(String stateHash, Flow flow, OffsetDateTime now, OffsetDateTime expiresAt) {
        db.insertInto(OIDC_FLOWS)
                .set(OIDC_FLOWS.STATE_HASH, stateHash)
                .set(OIDC_FLOWS.NONCE, flow.nonce())
                .set(OIDC_FLOWS.CODE_VERIFIER, flow.codeVerifier())
                .set(OIDC_FLOWS.REDIRECT_URI, flow.redirectUri().toString())
                .set(OIDC_FLOWS.INVITATION_HASH, flow.invitationHash().orElse(null))
                .set(OIDC_FLOWS.CREATED_AT, now)
                .set(OIDC_FLOWS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** The flow, gone from the table as it is read: a replayed callback finds nothing. */
    Optional<Flow> consume(String stateHash, OffsetDateTime now) {
        return db.deleteFrom(OIDC_FLOWS)
                .where(OIDC_FLOWS.STATE_HASH.eq(stateHash).and(OIDC_FLOWS.EXPIRES_AT.gt(now)))
                .returning(OIDC_FLOWS.NONCE, OIDC_FLOWS.CODE_VERIFIER, OIDC_FLOWS.REDIRECT_URI, OIDC_FLOWS.INVITATION_HASH)
                .fetchOptional(r -> new Flow(r.get(OIDC_FLOWS.NONCE), r.get(OIDC_FLOWS.CODE_VERIFIER), URI.create(r.get(OIDC_FLOWS.REDIRECT_URI)),
                        Optional.ofNullable(r.get(OIDC_FLOWS.INVITATION_HASH))));
    }

    int deleteExpired(OffsetDateTime now) {
        return db.deleteFrom(OIDC_FLOWS).where(OIDC_FLOWS.EXPIRES_AT.le(now)).execute();
    }
}
