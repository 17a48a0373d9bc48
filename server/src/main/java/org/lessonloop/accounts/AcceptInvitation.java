package org.lessonloop.accounts;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.lessonloop.http.Blocking;
import org.lessonloop.problems.ProblemException;

/**
 * The person behind an invitation or reset link sets their own password, and is signed in: the
 * link works once, until it expires, and its use shows on their security page.
 */
public final class AcceptInvitation {
    private final InvitationRepository invitations;
    private final UserRepository users;
    private final AccountEventRepository events;
    private final Sessions sessions;
    private final PasswordChecks checks;
    private final PasswordPolicy policy;
    private final Clock clock;

    public AcceptInvitation(InvitationRepository invitations, UserRepository users, AccountEventRepository events, Sessions sessions,
                            PasswordChecks checks, PasswordPolicy policy, Clock clock) {
        this.invitations = invitations;
        this.users = users;
        this.events = events;
        this.sessions = sessions;
        this.checks = checks;
        this.policy = policy;
        this.clock = clock;
    }

    /** Who the link is for, so the page can greet them; a used, replaced or expired link is gone. */
    public InvitationRepository.Pending check(String token) {
        return invitations.findLive(Tokens.sha256(token), now()).orElseThrow(AcceptInvitation::gone);
    }

    public Future<Sessions.SignedIn> accept(String token, String password, String device, Optional<String> previousToken) {
        policy.check("password", password);
        return checks.hash(password).compose(hash -> Blocking.call(() -> {
            OffsetDateTime now = now();
            var pending = invitations.consume(Tokens.sha256(token), now).orElseThrow(AcceptInvitation::gone);
            User user = pending.user();
            users.setPasswordHash(user.id(), hash);
            invitations.deleteAllOf(user.id());
            events.record(user.id(), AccountEventRepository.Kind.ACTIVATED, Optional.empty(), Optional.of(device), now);
            return sessions.open(user, device, previousToken);
        }));
    }

    static ProblemException gone() {
        return ProblemException.notFound("This link has expired, was replaced by a newer one, or was used already. "
                + "Ask your administrator for a new one.");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
