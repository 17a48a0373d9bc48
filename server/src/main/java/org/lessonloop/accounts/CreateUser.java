package org.lessonloop.accounts;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.lessonloop.problems.ProblemException;

/**
 * Makes accounts. An admin's are invited ones, without a password: their person sets it through
 * the invitation, so no admin ever knows it. Only the first admin (from the environment) and the
 * operator's command line get an account with a password set for them.
 */
public final class CreateUser {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;

    public CreateUser(UserRepository users, PasswordHasher hasher, PasswordPolicy policy) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
    }

    public record NewUser(String email, String displayName, UserRole role) {
    }

    /** The same rules, writing through {@code other} (a transaction's repository). */
    CreateUser writingTo(UserRepository other) {
        return new CreateUser(other, hasher, policy);
    }

    /** An account that nobody can sign in to until its invitation is accepted. */
    public User invited(UUID organizationId, NewUser user) {
        return users.insert(organizationId, email(user), user.displayName(), user.role(), null);
    }

    /** For the bootstrap admin and the operator's command line only: never reachable over HTTP. */
    public User withPassword(UUID organizationId, NewUser user, String password) {
        String email = email(user);
        policy.check("password", password);
        return users.insert(organizationId, email, user.displayName(), user.role(), hasher.hash(password));
    }

    private static String email(NewUser user) {
        String email = user.email().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw ProblemException.invalid("'email' is not an email address.");
        }
        return email;
    }
}
