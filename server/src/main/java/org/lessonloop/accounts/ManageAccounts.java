package org.lessonloop.accounts;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.problems.ProblemException;

/**
 * An admin's hold on the accounts of their organization: invite a person, reset an account (a new
 * invitation; the old password and every session end), sign a person out everywhere. None of it
 * lets the admin learn or choose a password, and each shows on the person's security page.
 */
public final class ManageAccounts {
    private final DSLContext db;
    private final CreateUser createUser;
    private final UserRepository users;
    private final AccountEventRepository events;
    private final Sessions sessions;
    private final InvitationMail mail;
    private final Duration invitationTtl;
    private final Clock clock;

    public ManageAccounts(DSLContext db, CreateUser createUser, AccountEventRepository events, Sessions sessions, InvitationMail mail,
                          Duration invitationTtl, Clock clock) {
        this.db = db;
        this.createUser = createUser;
        this.users = new UserRepository(db);
        this.events = events;
        this.sessions = sessions;
        this.mail = mail;
        this.invitationTtl = invitationTtl;
        this.clock = clock;
    }

    /**
     * The account and its one-time link, stored only hashed: mailed to the person when mail is
     * configured (then {@code link} is empty, and the admin never holds it), else shown to the admin once.
     */
    public record Issued(User user, Optional<URI> link, OffsetDateTime expiresAt) {
    }

    /** The account, its invitation and the mail carrying it commit together, or none of them. */
    public Issued invite(CurrentUser admin, CreateUser.NewUser person, URI base) {
        requireAdmin(admin, "create accounts");
        return db.transactionResult(tx -> {
            User user = createUser.writingTo(new UserRepository(tx.dsl())).invited(admin.user().organizationId(), person);
            return issue(tx.dsl(), admin, user, InvitationKind.INVITATION, AccountEventRepository.Kind.INVITED, base);
        });
    }

    /** The person's password stops working and they are signed out everywhere; the new link lets them set one. */
    public Issued reset(CurrentUser admin, UUID userId, URI base) {
        User user = member(admin, userId, "reset accounts");
        if (user.id().equals(admin.id())) {
            throw ProblemException.invalid("Change your own password from your security page instead.");
        }
        Issued issued = db.transactionResult(tx -> {
            new UserRepository(tx.dsl()).setPasswordHash(user.id(), null);
            return issue(tx.dsl(), admin, user, InvitationKind.RESET, AccountEventRepository.Kind.RESET, base);
        });
        // Once the old password is gone for good: a session opened before then ends too.
        sessions.endAll(user.id(), null);
        return issued;
    }

    public void signOutEverywhere(CurrentUser admin, UUID userId) {
        User user = member(admin, userId, "sign people out");
        sessions.endAll(user.id(), null);
        events.record(user.id(), AccountEventRepository.Kind.SIGNED_OUT_EVERYWHERE, Optional.of(admin.id()), Optional.empty(), now());
    }

    private Issued issue(DSLContext tx, CurrentUser admin, User user, InvitationKind kind, AccountEventRepository.Kind event, URI base) {
        String token = Tokens.random();
        OffsetDateTime now = now();
        OffsetDateTime expiresAt = now.plus(invitationTtl);
        new InvitationRepository(tx).replace(Tokens.sha256(token), user.id(), kind, admin.id(), now, expiresAt);
        new AccountEventRepository(tx).record(user.id(), event, Optional.of(admin.id()), Optional.empty(), now);
        // In the fragment, the token never reaches a server log or a Referer header.
        URI link = base.resolve("/invitation#" + token);
        if (mail.sends()) {
            mail.queue(tx, new InvitationMail.Link(user, kind == InvitationKind.RESET, link, expiresAt, admin.user().displayName()));
            return new Issued(user, Optional.empty(), expiresAt);
        }
        return new Issued(user, Optional.of(link), expiresAt);
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
