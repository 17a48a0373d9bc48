package org.lessonloop.accounts;

import java.util.Locale;

/**
 * Why a sign-in through the provider did not end in a session. The browser is sent back to the
 * sign-in page with the reason's code, which the page explains; the detail goes to the log only
 * (it never holds an email or a token).
 */
final class OidcRefusal extends RuntimeException {
    enum Reason {
        /** No such sign-in under way in this browser: forged, replayed, expired or begun elsewhere. */
        STATE,
        /** The provider answered with an error (the person cancelled, say) or nonsense. */
        PROVIDER,
        /** The provider could not be reached, or its discovery document is unusable. */
        UNAVAILABLE,
        /** The ID token failed verification: signature, issuer, audience, expiry or nonce. */
        TOKEN,
        /** The provider does not vouch for the email address (email_verified is not true). */
        UNVERIFIED,
        /** The email's domain is not one the server accepts. */
        DOMAIN,
        /** No account has this email: accounts are opened by invitation only. */
        UNKNOWN,
        /** Accounts in several organizations have the email, and no link to the provider's account says which. */
        SEVERAL,
        /** The invitation is for another email than the one the provider vouches for. */
        MISMATCH,
        /** The account, or the provider's account, is linked to another one already. */
        LINKED_ELSEWHERE,
        /** The invitation link has expired, was replaced or was used. */
        INVITATION;

        String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    OidcRefusal(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
