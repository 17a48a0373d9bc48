package org.lessonloop.accounts;

import java.util.Locale;
import org.lessonloop.problems.ProblemException;

/**
 * The operator's way back into an account (the admin command line): a new password, and every
 * session of the account ends. Deleting the session rows reaches every node's session cache
 * through the database's change notifications, so a stolen session stops working everywhere.
 */
public final class ResetPassword {
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;

    public ResetPassword(UserRepository users, SessionRepository sessions, PasswordHasher hasher) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
    }

    /** The account and how many sessions were ended. */
    public record Done(User user, int sessionsEnded) {
    }

    public Done reset(String email, String password) {
        PasswordPolicy.standard().check("password", password);
        var accounts = users.withEmail(email.toLowerCase(Locale.ROOT));
        if (accounts.isEmpty()) {
            throw ProblemException.notFound("There is no account with the email " + email + ".");
        }
        if (accounts.size() > 1) {
            // The operator sees every organization; which account is meant is theirs to say, through its admin's reset.
            throw ProblemException.conflict(accounts.size() + " accounts in different organizations have the email " + email
                    + ": have the administrator of the right one reset it (admin page, Reset).");
        }
        User user = accounts.get(0).user();
        users.setPasswordHash(user.id(), hasher.hash(password));
        return new Done(user, sessions.deleteForUser(user.id()));
    }
}
