package org.lessonloop.mail;

import static org.lessonloop.db.Tables.MAIL_OUTBOX;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** The outbox's rows: queued with their cause, read by the sender, emptied of their bodies once sent. */
final class OutboxRepository {
    private final DSLContext db;

    OutboxRepository(DSLContext db) {
        this.db = db;
    }

    /** The new row's id, or empty when a mail with the same dedupe key was queued already. */
    Optional<UUID> insert(Mail mail, OffsetDateTime now) {
        UUID id = UUID.randomUUID();
        int inserted = db.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.ID, id)
                .set(MAIL_OUTBOX.DEDUPE_KEY, mail.dedupeKey())
                .set(MAIL_OUTBOX.RECIPIENT_ID, mail.recipientId())
                .set(MAIL_OUTBOX.TO_ADDRESS, mail.toAddress())
                .set(MAIL_OUTBOX.CAUSE, mail.cause().code())
                .set(MAIL_OUTBOX.CAUSE_ID, mail.causeId().orElse(null))
                .set(MAIL_OUTBOX.SUBJECT, mail.subject())
                .set(MAIL_OUTBOX.TEXT_BODY, mail.text())
                .set(MAIL_OUTBOX.HTML_BODY, mail.html())
                .set(MAIL_OUTBOX.CREATED_AT, now)
                .onConflict(MAIL_OUTBOX.DEDUPE_KEY).doNothing()
                .execute();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** What the sender needs of a mail not sent yet. */
    record Unsent(UUID id, String toAddress, String subject, String text, String html) {
    }

    Optional<Unsent> unsent(UUID id) {
        return db.select(MAIL_OUTBOX.ID, MAIL_OUTBOX.TO_ADDRESS, MAIL_OUTBOX.SUBJECT, MAIL_OUTBOX.TEXT_BODY, MAIL_OUTBOX.HTML_BODY)
                .from(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.ID.eq(id).and(MAIL_OUTBOX.SENT_AT.isNull()))
                .fetchOptional(r -> new Unsent(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Forgets a person's mails of one cause that are not sent yet. */
    int dropUnsent(UUID recipientId, Mail.Cause cause, UUID causeId) {
        return db.deleteFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.RECIPIENT_ID.eq(recipientId).and(MAIL_OUTBOX.CAUSE.eq(cause.code()))
                        .and(MAIL_OUTBOX.CAUSE_ID.eq(causeId)).and(MAIL_OUTBOX.SENT_AT.isNull()))
                .execute();
    }

    /** Sent: the time stays, the words go (a sent invitation's link, names, excerpts are not kept). */
    void markSent(UUID id, OffsetDateTime at) {
        db.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.SENT_AT, at)
                .setNull(MAIL_OUTBOX.TEXT_BODY)
                .setNull(MAIL_OUTBOX.HTML_BODY)
                .where(MAIL_OUTBOX.ID.eq(id))
                .execute();
    }

    /** Sent mails' rows are kept this long for operators, then go. */
    int deleteSentBefore(OffsetDateTime before) {
        return db.deleteFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.SENT_AT.lt(before)).execute();
    }
}
