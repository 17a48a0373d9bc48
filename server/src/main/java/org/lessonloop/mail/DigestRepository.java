package org.lessonloop.mail;

import static org.lessonloop.db.Tables.COMMENTS;
import static org.lessonloop.db.Tables.MAIL_DIGEST_DAYS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.RECORDING_SHARES;
import static org.lessonloop.db.Tables.USERS;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What a day brought each person: comments and replies others left on their recordings, lessons
 * shared with them. Only shared comments count: a private note is its author's alone, and no
 * digest ever hints at one. Counts and names only, never a comment's words.
 */
final class DigestRepository {
    private final DSLContext db;

    DigestRepository(DSLContext db) {
        this.db = db;
    }

    /** Comments and replies by others on one of the owner's recordings. */
    record Activity(UUID ownerId, UUID recordingId, String title, int comments, int replies, List<String> authors) {
    }

    /** A recording someone shared with the person. */
    record Shared(UUID userId, UUID recordingId, String title, String ownerName) {
    }

    List<Activity> activity(OffsetDateTime from, OffsetDateTime to) {
        var authors = USERS.as("author");
        return db.select(RECORDINGS.OWNER_ID, RECORDINGS.ID, RECORDINGS.TITLE,
                        DSL.count().filterWhere(COMMENTS.PARENT_ID.isNull()), DSL.count().filterWhere(COMMENTS.PARENT_ID.isNotNull()),
                        DSL.arrayAggDistinct(authors.DISPLAY_NAME))
                .from(COMMENTS)
                .join(RECORDINGS).on(RECORDINGS.ID.eq(COMMENTS.RECORDING_ID))
                .join(authors).on(authors.ID.eq(COMMENTS.AUTHOR_ID))
                .where(COMMENTS.CREATED_AT.ge(from).and(COMMENTS.CREATED_AT.lt(to))
                        .and(COMMENTS.VISIBILITY.eq("shared"))
                        .and(COMMENTS.DELETED_AT.isNull())
                        .and(COMMENTS.AUTHOR_ID.ne(RECORDINGS.OWNER_ID)))
                .groupBy(RECORDINGS.OWNER_ID, RECORDINGS.ID, RECORDINGS.TITLE)
                .orderBy(RECORDINGS.TITLE)
                .fetch(r -> new Activity(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), Arrays.asList(r.value6())));
    }

    List<Shared> sharedWith(OffsetDateTime from, OffsetDateTime to) {
        return db.select(RECORDING_SHARES.USER_ID, RECORDINGS.ID, RECORDINGS.TITLE, USERS.DISPLAY_NAME)
                .from(RECORDING_SHARES)
                .join(RECORDINGS).on(RECORDINGS.ID.eq(RECORDING_SHARES.RECORDING_ID))
                .join(USERS).on(USERS.ID.eq(RECORDINGS.OWNER_ID))
                .where(RECORDING_SHARES.CREATED_AT.ge(from).and(RECORDING_SHARES.CREATED_AT.lt(to)))
                .orderBy(RECORDINGS.TITLE)
                .fetch(r -> new Shared(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** True for the one caller, on whichever node, that claims the day: it alone plans that day's digests. */
    boolean claimDay(LocalDate day, OffsetDateTime now) {
        return db.insertInto(MAIL_DIGEST_DAYS).set(MAIL_DIGEST_DAYS.DAY, day).set(MAIL_DIGEST_DAYS.PLANNED_AT, now)
                .onConflict(MAIL_DIGEST_DAYS.DAY).doNothing().execute() == 1;
    }
}
