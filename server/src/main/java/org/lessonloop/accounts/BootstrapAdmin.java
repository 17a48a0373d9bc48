package org.lessonloop.accounts;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** First run: creates an organization and its first admin from the environment, once. */
public final class BootstrapAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);
    /** The advisory lock key of the first-run bootstrap ("LLBOOTST" in ASCII); no other lock uses it. */
    private static final long LOCK = 0x4C4C424F4F545354L;

    private final UserRepository users;
    private final CreateUser createUser;

    public BootstrapAdmin(UserRepository users, CreateUser createUser) {
        this.users = users;
        this.createUser = createUser;
    }

    /**
     * Several nodes may start at once on an empty database with the same environment: they take
     * turns under one advisory lock, so exactly one creates the admin and its organization and the
     * others find it (rather than failing to start and leaving an empty organization behind).
     */
    public Optional<User> ensureAdmin(String email, String password) {
        return users.exclusively(LOCK, tx -> {
            if (tx.anyAdmin()) {
                return Optional.<User>empty();
            }
            var organization = tx.createOrganization("Lessonloop");
            User admin;
            try {
                admin = createUser.writingTo(tx).withPassword(organization,
                        new CreateUser.NewUser(email, "Administrator", UserRole.ADMIN), password);
            } catch (org.lessonloop.problems.ProblemException e) {
                throw new IllegalStateException("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL/PASSWORD: " + e.detail(), e);
            }
            // Its id, not its email: logs leave the server (shippers, support tickets), an address is personal data.
            LOG.info("Created the first administrator account, user {}", admin.id());
            return Optional.of(admin);
        });
    }
}
