package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.ORGANIZATIONS;
import static org.lessonloop.db.Tables.USERS;
import static org.lessonloop.db.Tables.USER_IDENTITIES;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.lessonloop.problems.ProblemException;

public final class UserRepository {
    private final DSLContext db;

    public UserRepository(DSLContext db) {
        this.db = db;
    }

    /** A user with the stored password hash (none until their invitation is accepted), for sign-in only. */
    public record Credentials(User user, Optional<String> passwordHash) {
    }

    public UUID createOrganization(String name) {
        UUID id = UUID.randomUUID();
        db.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, id).set(ORGANIZATIONS.NAME, name).execute();
        return id;
    }

    /** {@code passwordHash} null: an invited account, with no way in until its person sets a password. */
    public User insert(UUID organizationId, String email, String displayName, UserRole role, String passwordHash) {
        UUID id = UUID.randomUUID();
        try {
            db.insertInto(USERS)
                    .set(USERS.ID, id)
                    .set(USERS.ORGANIZATION_ID, organizationId)
                    .set(USERS.EMAIL, email)
                    .set(USERS.DISPLAY_NAME, displayName)
                    .set(USERS.ROLE, role.code())
                    .set(USERS.PASSWORD_HASH, passwordHash)
                    .execute();
        } catch (IntegrityConstraintViolationException e) {
            throw ProblemException.conflict("An account with the email " + email + " already exists in your organization.");
        }
        return new User(id, organizationId, email, displayName, role);
    }

    /** Every account with the email, oldest first: one per organization at most (migration V10). */
    public List<Credentials> withEmail(String email) {
        return db.selectFrom(USERS).where(USERS.EMAIL.eq(email)).orderBy(USERS.CREATED_AT, USERS.ID)
                .fetch(r -> new Credentials(toUser(r), Optional.ofNullable(r.getPasswordHash())));
    }

    public Optional<String> passwordHash(UUID id) {
        return db.select(USERS.PASSWORD_HASH).from(USERS).where(USERS.ID.eq(id)).fetchOptional(USERS.PASSWORD_HASH);
    }

    /** Sets the password (its person's own: accepting an invitation, changing it); null leaves none. */
    public void setPasswordHash(UUID id, String passwordHash) {
        db.update(USERS).set(USERS.PASSWORD_HASH, passwordHash).where(USERS.ID.eq(id)).execute();
    }

    /** Who in the organization has no way in yet: no password, no provider's account linked (their invitation is pending). */
    public java.util.Set<UUID> invitedIn(UUID organizationId) {
        return new java.util.HashSet<>(db.select(USERS.ID).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId).and(USERS.PASSWORD_HASH.isNull())
                        .andNotExists(db.selectOne().from(USER_IDENTITIES).where(USER_IDENTITIES.USER_ID.eq(USERS.ID))))
                .fetch(USERS.ID));
    }

    public Optional<User> find(UUID id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(UserRepository::toUser);
    }

    List<User> findAll(java.util.Collection<UUID> ids) {
        return db.selectFrom(USERS).where(USERS.ID.in(ids)).fetch(UserRepository::toUser);
    }

    public List<User> listOrganization(UUID organizationId, Optional<UserRole> role) {
        var condition = USERS.ORGANIZATION_ID.eq(organizationId);
        if (role.isPresent()) {
            condition = condition.and(USERS.ROLE.eq(role.get().code()));
        }
        return db.selectFrom(USERS).where(condition).orderBy(USERS.DISPLAY_NAME).fetch(UserRepository::toUser);
    }

    /**
     * Runs {@code work} in one transaction that holds a PostgreSQL advisory lock on {@code key}, so
     * that nodes doing the same work at once take turns. {@code work} gets a repository on that
     * transaction; the lock ends with it.
     */
    <T> T exclusively(long key, Function<UserRepository, T> work) {
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.fetch("select pg_advisory_xact_lock(?)", key);
            return work.apply(new UserRepository(t));
        });
    }

    public boolean anyAdmin() {
        return db.fetchExists(USERS, USERS.ROLE.eq(UserRole.ADMIN.code()));
    }

    static User toUser(Record r) {
        return new User(r.get(USERS.ID), r.get(USERS.ORGANIZATION_ID), r.get(USERS.EMAIL), r.get(USERS.DISPLAY_NAME),
                UserRole.fromCode(r.get(USERS.ROLE)));
    }
}
