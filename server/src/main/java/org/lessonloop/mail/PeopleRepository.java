package org.lessonloop.mail;

import static org.lessonloop.db.Tables.MAIL_PREFERENCES;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Who a mail is for and what they chose to hear; the titles a mail names. */
final class PeopleRepository {
    private final DSLContext db;

    PeopleRepository(DSLContext db) {
        this.db = db;
    }

    record Person(UUID id, String email, String displayName) {
    }

    Optional<Person> person(UUID id) {
        return db.select(USERS.ID, USERS.EMAIL, USERS.DISPLAY_NAME).from(USERS).where(USERS.ID.eq(id))
                .fetchOptional(r -> new Person(r.value1(), r.value2(), r.value3()));
    }

    Optional<String> recordingTitle(UUID recordingId) {
        return db.select(RECORDINGS.TITLE).from(RECORDINGS).where(RECORDINGS.ID.eq(recordingId)).fetchOptional(r -> r.value1());
    }

    /** Everyone on by default: a person without a row hears everything. */
    MailPreferences preferences(UUID userId) {
        return db.select(MAIL_PREFERENCES.DIGEST, MAIL_PREFERENCES.SHARES, MAIL_PREFERENCES.MENTIONS)
                .from(MAIL_PREFERENCES).where(MAIL_PREFERENCES.USER_ID.eq(userId))
                .fetchOptional(r -> new MailPreferences(r.value1(), r.value2(), r.value3()))
                .orElse(MailPreferences.ALL);
    }

    void save(UUID userId, MailPreferences preferences, OffsetDateTime now) {
        db.insertInto(MAIL_PREFERENCES)
                .set(MAIL_PREFERENCES.USER_ID, userId)
                .set(MAIL_PREFERENCES.DIGEST, preferences.digest())
                .set(MAIL_PREFERENCES.SHARES, preferences.shares())
                .set(MAIL_PREFERENCES.MENTIONS, preferences.mentions())
                .set(MAIL_PREFERENCES.UPDATED_AT, now)
                .onConflict(MAIL_PREFERENCES.USER_ID).doUpdate()
                .set(MAIL_PREFERENCES.DIGEST, DSL.excluded(MAIL_PREFERENCES.DIGEST))
                .set(MAIL_PREFERENCES.SHARES, DSL.excluded(MAIL_PREFERENCES.SHARES))
                .set(MAIL_PREFERENCES.MENTIONS, DSL.excluded(MAIL_PREFERENCES.MENTIONS))
                .set(MAIL_PREFERENCES.UPDATED_AT, DSL.excluded(MAIL_PREFERENCES.UPDATED_AT))
                .execute();
    }
}
