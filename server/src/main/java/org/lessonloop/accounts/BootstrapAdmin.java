package org.lessonloop.accounts;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** First run: creates an organization and its first admin from the environment, once. */
public final class BootstrapAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserRepository users;
    private final CreateUser createUser;

    public BootstrapAdmin(UserRepository users, CreateUser createUser) {
        this.users = users;
        this.createUser = createUser;
    }

    public Optional<User> ensureAdmin(String email, String password) {
        if (users.anyAdmin()) {
            return Optional.empty();
        }
        var organization = users.createOrganization("Lessonloop");
        User admin;
        try {
            admin = createUser.withPassword(organization, new CreateUser.NewUser(email, "Administrator", UserRole.ADMIN), password);
        } catch (org.lessonloop.problems.ProblemException e) {
            throw new IllegalStateException("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL/PASSWORD: " + e.detail(), e);
        }
        // Its id, not its email: logs leave the server (shippers, support tickets), an address is personal data.
        LOG.info("Created the first administrator account, user {}", admin.id());
        return Optional.of(admin);
    }
}
