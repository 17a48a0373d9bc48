package org.lessonloop.accounts;

import static org.lessonloop.db.Tables.ACCOUNT_EVENTS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What happened to an account (invited, activated, reset, password changed, signed out everywhere),
 * shown to its person on their security page: an admin's misuse is visible to whom it targets.
 */
public final class AccountEventRepository {
    public enum Kind {
        INVITED, ACTIVATED, RESET, PASSWORD_CHANGED, SIGNED_OUT_EVERYWHERE, PROVIDER_ACTIVATED, PROVIDER_LINKED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final DSLContext db;

    public AccountEventRepository(DSLContext db) {
        this.db = db;
    }

    /** {@code actor}: the admin who did it, empty when the person did it themselves; {@code device}: from where. */
    public void record(UUID userId, Kind kind, Optional<UUID> actor, Optional<String> device, OffsetDateTime at) {
        db.insertInto(ACCOUNT_EVENTS)
                .set(ACCOUNT_EVENTS.ID, UUID.randomUUID())
                .set(ACCOUNT_EVENTS.USER_ID, userId)
                .set(ACCOUNT_EVENTS.KIND, kind.code())
                .set(ACCOUNT_EVENTS.ACTOR_ID, actor.orElse(null))
                .set(ACCOUNT_EVENTS.DEVICE, device.orElse(null))
                .set(ACCOUNT_EVENTS.OCCURRED_AT, at)
                .execute();
    }

    /** One line of the history; {@code actorName} is empty for the person's own doing or a deleted admin. */
    public record Event(String kind, OffsetDateTime at, Optional<String> actorName, Optional<String> device) {
    }

    /** Newest first. */
    public List<Event> of(UUID userId) {
        return db.select(ACCOUNT_EVENTS.KIND, ACCOUNT_EVENTS.OCCURRED_AT, USERS.DISPLAY_NAME, ACCOUNT_EVENTS.DEVICE)
                .from(ACCOUNT_EVENTS).leftJoin(USERS).on(USERS.ID.eq(ACCOUNT_EVENTS.ACTOR_ID))
                .where(ACCOUNT_EVENTS.USER_ID.eq(userId))
                .orderBy(ACCOUNT_EVENTS.OCCURRED_AT.desc())
                .fetch(r -> new Event(r.value1(), r.value2(), Optional.ofNullable(r.value3()), Optional.ofNullable(r.value4())));
    }
}
