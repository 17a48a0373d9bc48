package org.lessonloop.accounts;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.problems.ProblemException;

/**
 * An admin's hold on the accounts of their organization: invite a person, reset an account (a new
 * invitation; the old password and every session end), sign a person out everywhere. None of it
 * lets the admin learn or choose a password, and each shows on the person's security page.
 */
public final class ManageAccounts {
    private final CreateUser createUser;
    private final UserRepository users;
    private final InvitationRepository invitations;
    private final AccountEventRepository events;
    private final Sessions sessions;
    private final Duration invitationTtl;
    private final Clock clock;

    public ManageAccounts(CreateUser createUser, UserRepository users, InvitationRepository invitations, AccountEventRepository events,
                          Sessions sessions, Duration invitationTtl, Clock clock) {
        this.createUser = createUser;
        this.users = users;
        this.invitations = invitations;
        this.events = events;
        this.sessions = sessions;
        this.invitationTtl = invitationTtl;
        this.clock = clock;
    }

    /** The account and the one-time link for its person; the link is shown once and stored only hashed. */
    public record Issued(User user, URI link, OffsetDateTime expiresAt) {
    }

    public Issued invite(CurrentUser admin, CreateUser.NewUser person, URI base) {
        requireAdmin(admin, "create accounts");
        User user = createUser.invited(admin.user().organizationId(), person);
        return issue(admin, user, InvitationKind.INVITATION, AccountEventRepository.Kind.INVITED, base);
    }

    /** The person's password stops working and they are signed out everywhere; the new link lets them set one. */
    public Issued reset(CurrentUser admin, UUID userId, URI base) {
        User user = member(admin, userId, "reset accounts");
        if (user.id().equals(admin.id())) {
            throw ProblemException.invalid("Change your own password from your security page instead.");
        }
        users.setPasswordHash(user.id(), null);
        sessions.endAll(user.id(), null);
        return issue(admin, user, InvitationKind.RESET, AccountEventRepository.Kind.RESET, base);
    }

    public void signOutEverywhere(CurrentUser admin, UUID userId) {
        User user = member(admin, userId, "sign people out");
        sessions.endAll(user.id(), null);
        events.record(user.id(), AccountEventRepository.Kind.SIGNED_OUT_EVERYWHERE, Optional.of(admin.id()), Optional.empty(), now());
    }

    private Issued issue(CurrentUser admin, User user, InvitationKind kind, AccountEventRepository.Kind event, URI base) {
        String token = Tokens.random();
        OffsetDateTime now = now();
        OffsetDateTime expiresAt = now.plus(invitationTtl);
        invitations.replace(Tokens.sha256(token), user.id(), kind, admin.id(), now, expiresAt);
        events.record(user.id(), event, Optional.of(admin.id()), Optional.empty(), now);
        // In the fragment, the token never reaches a server log or a Referer header.
        return new Issued(user, base.resolve("/invitation#" + token), expiresAt);
    }

    /** A person of the admin's own organization; anyone else is not found, as if they did not exist. */
    private User member(CurrentUser admin, UUID userId, String what) {
        requireAdmin(admin, what);
        return users.find(userId).filter(u -> u.organizationId().equals(admin.user().organizationId()))
                .orElseThrow(() -> ProblemException.notFound("There is no account " + userId + " in your organization."));
    }

    private static void requireAdmin(CurrentUser user, String what) {
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can " + what + ".");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
