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
        User user = users.findCredentials(email.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ProblemException.notFound("There is no account with the email " + email + "."))
                .user();
        users.setPasswordHash(user.id(), hasher.hash(password));
        return new Done(user, sessions.deleteForUser(user.id()));
    }
}
