package org.lessonloop.accounts;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.lessonloop.problems.ProblemException;

/** Admins create the accounts of their own organization. */
public final class CreateUser {
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserRepository users;
    private final PasswordHasher hasher;

    public CreateUser(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    public record NewUser(String email, String displayName, UserRole role, String password) {
    }

    public User byAdmin(CurrentUser admin, NewUser user) {
        if (!admin.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can create accounts.");
        }
        return create(admin.user().organizationId(), user);
    }

    public User create(UUID organizationId, NewUser user) {
        String email = user.email().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw ProblemException.invalid("'email' is not an email address.");
        }
        requireAcceptable(user.password());
        return users.insert(organizationId, email, user.displayName(), user.role(), hasher.hash(user.password()));
    }

    static void requireAcceptable(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw ProblemException.invalid("'password' must be at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }
}
