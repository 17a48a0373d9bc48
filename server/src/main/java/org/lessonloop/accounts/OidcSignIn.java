package org.lessonloop.accounts;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-in through the school's OpenID provider. An account is found by the provider's subject once
 * linked, else by an email the provider vouches for (email_verified), and never made: an unknown
 * email is refused, as accounts are opened by invitation. An invitation can be accepted this way
 * when it is for the email the provider vouches for. Sessions are the same as a password's (the
 * same cap per person), and activations and links show on the person's security page.
 *
 * <p>Both steps block (database, the provider's endpoints): run them off the event loop.
 */
public final class OidcSignIn {
    /** Long enough to type a password and answer a second factor at the provider. */
    static final Duration FLOW_TTL = Duration.ofMinutes(10);

    private final OidcProvider provider;
    private final Set<String> allowedDomains;
    private final OidcFlowRepository flows;
    private final IdentityRepository identities;
    private final UserRepository users;
    private final InvitationRepository invitations;
    private final AccountEventRepository events;
    private final Sessions sessions;
    private final Clock clock;

    OidcSignIn(OidcProvider provider, Set<String> allowedDomains, OidcFlowRepository flows, IdentityRepository identities, UserRepository users,
               InvitationRepository invitations, AccountEventRepository events, Sessions sessions, Clock clock) {
        this.provider = provider;
        this.allowedDomains = allowedDomains;
        this.flows = flows;
        this.identities = identities;
        this.users = users;
        this.invitations = invitations;
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The provider's name on the sign-in button. */
    public String label() {
        return provider.label();
    }

    /** {@code state}: for the browser's cookie, which binds the callback to this browser; {@code location}: the provider's sign-in page. */
    public record Started(String state, URI location) {
    }

    /** Begins a sign-in; {@code invitationToken} when it accepts an invitation (which must still work). */
    public Started start(Optional<String> invitationToken, URI redirectUri) {
        OffsetDateTime now = now();
        Optional<String> invitationHash = invitationToken.map(Tokens::sha256);
        if (invitationHash.isPresent() && invitations.findLive(invitationHash.get(), now).isEmpty()) {
            throw AcceptInvitation.gone();
        }
        String state = Tokens.random();
        String nonce = Tokens.random();
        String verifier = Tokens.random();
        URI location = provider.authorizationUrl(state, nonce, challenge(verifier), redirectUri);
        flows.insert(Tokens.sha256(state), new OidcFlowRepository.Flow(nonce, verifier, redirectUri, invitationHash), now, now.plus(FLOW_TTL));
        return new Started(state, location);
    }

    /** What the provider sent back to the callback, and what the browser's cookie holds. */
    public record Callback(Optional<String> state, Optional<String> cookieState, Optional<String> code, Optional<String> error) {
    }

    /** Finishes the sign-in the callback reports, or throws {@link OidcRefusal} saying why not. */
    public Sessions.SignedIn finish(Callback callback, String device, Optional<String> previousToken) {
        String state = callback.state().orElseThrow(() -> new OidcRefusal(OidcRefusal.Reason.STATE, "the callback has no state"));
        if (callback.cookieState().isEmpty() || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                callback.cookieState().get().getBytes(StandardCharsets.UTF_8))) {
            throw new OidcRefusal(OidcRefusal.Reason.STATE, "the state is not the one this browser's sign-in began with");
        }
        OidcFlowRepository.Flow flow = flows.consume(Tokens.sha256(state), now())
                .orElseThrow(() -> new OidcRefusal(OidcRefusal.Reason.STATE, "no sign-in under way has this state (used, expired or forged)"));
        if (callback.error().isPresent() || callback.code().isEmpty()) {
            throw new OidcRefusal(OidcRefusal.Reason.PROVIDER, "the provider answered " + callback.error().orElse("without a code"));
        }
        Claims claims = Claims.of(provider.exchange(callback.code().get(), flow.codeVerifier(), flow.redirectUri(), flow.nonce()));
        String signedInDevice = (device + " via " + provider.label());
        signedInDevice = signedInDevice.length() > 100 ? signedInDevice.substring(0, 100) : signedInDevice;
        User user = flow.invitationHash().isPresent()
                ? acceptInvitation(flow.invitationHash().get(), claims, signedInDevice)
                : account(claims, signedInDevice);
        return sessions.open(user, signedInDevice, previousToken);
    }

    /** The account the subject is linked to, else the one of the vouched-for email, linked from now on. */
    private User account(Claims claims, String device) {
        OffsetDateTime now = now();
        Optional<UUID> linked = identities.userOf(claims.issuer(), claims.subject());
        if (linked.isPresent()) {
            identities.used(claims.issuer(), claims.subject(), now);
            return users.find(linked.get()).orElseThrow(() -> new OidcRefusal(OidcRefusal.Reason.UNKNOWN, "the linked account is gone"));
        }
        String email = vouchedEmail(claims);
        var accounts = users.withEmail(email);
        if (accounts.isEmpty()) {
            throw new OidcRefusal(OidcRefusal.Reason.UNKNOWN, "no account has the provider's email");
        }
        if (accounts.size() > 1) {
            // One account at each of several schools: the invitation link, or the password, says which one is meant.
            throw new OidcRefusal(OidcRefusal.Reason.SEVERAL, "accounts in several organizations have the provider's email");
        }
        UserRepository.Credentials account = accounts.get(0);
        boolean firstWayIn = account.passwordHash().isEmpty() && !identities.linkedToIssuer(account.user().id(), claims.issuer());
        link(claims, account.user(), now);
        if (firstWayIn) {
            // An invited account whose person signs in with the provider instead of the link: that is its activation.
            invitations.deleteAllOf(account.user().id());
            events.record(account.user().id(), AccountEventRepository.Kind.PROVIDER_ACTIVATED, Optional.empty(), Optional.of(device), now);
        } else {
            events.record(account.user().id(), AccountEventRepository.Kind.PROVIDER_LINKED, Optional.empty(), Optional.of(device), now);
        }
        return account.user();
    }

    /** The invitation's account, when the provider vouches for its email; the link then works no more. */
    private User acceptInvitation(String invitationHash, Claims claims, String device) {
        OffsetDateTime now = now();
        var pending = invitations.findLive(invitationHash, now)
                .orElseThrow(() -> new OidcRefusal(OidcRefusal.Reason.INVITATION, "the invitation expired or was used meanwhile"));
        if (!vouchedEmail(claims).equals(pending.user().email())) {
            throw new OidcRefusal(OidcRefusal.Reason.MISMATCH, "the provider vouches for another email than the invitation's");
        }
        Optional<UUID> linked = identities.userOf(claims.issuer(), claims.subject());
        if (linked.isPresent() && !linked.get().equals(pending.user().id())) {
            throw new OidcRefusal(OidcRefusal.Reason.LINKED_ELSEWHERE, "the provider's account is linked to another account");
        }
        if (invitations.consume(invitationHash, now).isEmpty()) {
            throw new OidcRefusal(OidcRefusal.Reason.INVITATION, "the invitation was used meanwhile");
        }
        if (linked.isEmpty()) {
            link(claims, pending.user(), now);
        }
        invitations.deleteAllOf(pending.user().id());
        events.record(pending.user().id(), AccountEventRepository.Kind.PROVIDER_ACTIVATED, Optional.empty(), Optional.of(device), now);
        return pending.user();
    }

    private void link(Claims claims, User user, OffsetDateTime now) {
        if (!identities.link(claims.issuer(), claims.subject(), user.id(), now)) {
            // The account has another subject at this provider: whoever holds this email there now is not its person.
            throw new OidcRefusal(OidcRefusal.Reason.LINKED_ELSEWHERE, "the account is linked to another subject at this provider");
        }
    }

    /** The email, only when the provider says it verified it, and of an accepted domain. */
    private String vouchedEmail(Claims claims) {
        if (claims.email().isEmpty() || !claims.emailVerified()) {
            throw new OidcRefusal(OidcRefusal.Reason.UNVERIFIED, "the provider does not vouch for the email (email_verified is not true)");
        }
        String email = claims.email().get();
        String domain = email.substring(email.lastIndexOf('@') + 1);
        if (!allowedDomains.isEmpty() && !allowedDomains.contains(domain)) {
            throw new OidcRefusal(OidcRefusal.Reason.DOMAIN, "the email's domain is not in LESSONLOOP_OIDC_ALLOWED_DOMAINS");
        }
        return email;
    }

    /** The few claims we read, from a verified ID token. */
    private record Claims(String issuer, String subject, Optional<String> email, boolean emailVerified) {
        static Claims of(JWTClaimsSet claims) {
            try {
                Object verified = claims.getClaim("email_verified");
                return new Claims(claims.getIssuer(), claims.getSubject(),
                        Optional.ofNullable(claims.getStringClaim("email")).filter(e -> e.contains("@")).map(e -> e.toLowerCase(Locale.ROOT)),
                        Boolean.TRUE.equals(verified) || "true".equals(verified));
            } catch (ParseException e) {
                throw new OidcRefusal(OidcRefusal.Reason.TOKEN, "the email claim is not a string");
            }
        }
    }

    /** PKCE's S256 challenge (RFC 7636 §4.2). */
    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void purgeExpired() {
        flows.deleteExpired(now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
