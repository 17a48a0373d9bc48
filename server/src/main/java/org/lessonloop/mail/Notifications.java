package org.lessonloop.mail;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.lessonloop.architecture.FeatureApi;

/**
 * The mails other features cause: a lesson shared with someone, someone mentioned in a comment,
 * lessons retention will delete soon.
 * Each is queued in the caller's transaction, for those who have not turned it off, and names the
 * lesson and who did it; a mention carries a short excerpt of the comment for its addressee, whom
 * the caller has checked may read it. Links lead into the app, where the reader signs in first.
 * Without SMTP configured, nothing is queued.
 */
@FeatureApi
public final class Notifications {
    /** Enough to know what a comment is about; the rest is read in the app. */
    static final int EXCERPT_CHARS = 140;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private final Optional<Outbox> outbox;
    private final Links links;
    private final Clock clock;
    private final ZoneId zone;

    Notifications(Optional<Outbox> outbox, Links links, Clock clock, ZoneId zone) {
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
        this.zone = zone;
    }

    /** None of them is ever sent: no SMTP server is configured. */
    public static Notifications none() {
        return new Notifications(Optional.empty(), null, Clock.systemUTC(), ZoneId.of("UTC"));
    }

    /** Whether anything is mailed at all (SMTP is configured). */
    public boolean sends() {
        return outbox.isPresent();
    }

    /** A lesson retention will delete, and when. */
    @FeatureApi
    public record DeletionSoon(UUID recordingId, String title, OffsetDateTime deleteAt) {
    }

    /**
     * One mail to the owner about her lessons newly inside the warning period. No mail choice covers
     * it and none turns it off: like a password reset, it is about her own data, which is deleted
     * if she does nothing. The caller remembers what was warned of, so each warning goes once.
     */
    public void deletionSoon(DSLContext tx, UUID ownerId, List<DeletionSoon> lessons) {
        if (outbox.isEmpty() || lessons.isEmpty()) {
            return;
        }
        var people = new PeopleRepository(tx);
        var owner = people.person(ownerId);
        if (owner.isEmpty()) {
            return;
        }
        var letter = new Letter(lessons.size() == 1 ? "A lesson of yours will be deleted on " + day(lessons.get(0).deleteAt())
                : lessons.size() + " lessons of yours will be deleted soon")
                .paragraph("Hello " + Letter.oneLine(owner.get().displayName()) + ",")
                .paragraph("Your school deletes lessons nobody has touched for a while. Unless you keep them, these go, with "
                        + "their comments and clips:");
        for (DeletionSoon lesson : lessons) {
            letter.paragraph("“" + Letter.oneLine(lesson.title()) + "” on " + day(lesson.deleteAt()));
        }
        letter.link("Open your library and press Keep (you sign in first)", links.library())
                .footer("You get this mail because lessons of yours are about to be deleted; it cannot be turned off.");
        outbox.get().queue(tx, new Mail(ownerId, owner.get().email(), Mail.Cause.RETENTION, Optional.empty(),
                "retention:" + ownerId + ":" + clock.instant(), letter.subject(), letter.text(), letter.html()));
    }

    private String day(OffsetDateTime at) {
        return DAY.format(at.atZoneSameInstant(zone));
    }

    /** {@code grantee} may now see the recording; at most one such mail a day for one recording and person. */
    public void shared(DSLContext tx, UUID recordingId, UUID sharerId, UUID granteeId, String permission) {
        if (outbox.isEmpty()) {
            return;
        }
        var title = new PeopleRepository(tx).recordingTitle(recordingId);
        if (title.isEmpty()) {
            return;
        }
        String lesson = "“" + Letter.oneLine(title.get()) + "”";
        queueShareMail(tx, recordingId, sharerId, granteeId, "share:" + recordingId + ":" + granteeId + ":" + LocalDate.now(clock),
                (who, hello) -> new Letter(who + " shared " + lesson + " with you")
                        .paragraph(hello)
                        .paragraph(who + " shared the lesson " + lesson + " with you on Lessonloop, to " + allowed(permission))
                        .link("Open it in Lessonloop (you sign in first)", links.recording(recordingId))
                        .footer("You get this mail when someone shares a lesson with you. Turn it off on your security page: "
                                + links.settings()));
    }

    /**
     * A teacher shares all her lessons with the coach of a pair ({@code pairId}); at most one such
     * mail a day for one pair. The coach's choice of share mails covers it.
     */
    public void sharedAll(DSLContext tx, UUID pairId, UUID teacherId, UUID coachId, String permission) {
        if (outbox.isEmpty()) {
            return;
        }
        queueShareMail(tx, pairId, teacherId, coachId, "share-all:" + pairId + ":" + LocalDate.now(clock),
                (who, hello) -> new Letter(who + " shared all their lessons with you")
                        .paragraph(hello)
                        .paragraph(who + " shared all their lessons on Lessonloop with you, those to come too, to " + allowed(permission))
                        .link("Open your coach home (you sign in first)", links.coachHome())
                        .footer("You get this mail when someone shares lessons with you. Turn it off on your security page: "
                                + links.settings()));
    }

    /**
     * Queues the mail of a share ({@code sharedId}: a recording, or a pair's standing share), unless
     * the grantee or the sharer is gone or the grantee turned share mails off. {@code letter} gets the
     * sharer's name and the greeting.
     */
    private void queueShareMail(DSLContext tx, UUID sharedId, UUID sharerId, UUID granteeId, String dedupeKey,
                                BiFunction<String, String, Letter> letter) {
        var people = new PeopleRepository(tx);
        var grantee = people.person(granteeId);
        var sharer = people.person(sharerId);
        if (grantee.isEmpty() || sharer.isEmpty() || !people.preferences(granteeId).shares()) {
            return;
        }
        Letter written = letter.apply(Letter.oneLine(sharer.get().displayName()), "Hello " + Letter.oneLine(grantee.get().displayName()) + ",");
        outbox.get().queue(tx, new Mail(granteeId, grantee.get().email(), Mail.Cause.SHARE, Optional.of(sharedId), dedupeKey,
                written.subject(), written.text(), written.html()));
    }

    private static String allowed(String permission) {
        return "comment".equals(permission) ? "watch and comment on." : "watch.";
    }

    /**
     * A share (of a recording, or a pair's of all lessons: {@code sharedId}) ended before its mail
     * went out: the mail is dropped, so it never announces lessons its person cannot open.
     */
    public void unshared(DSLContext tx, UUID sharedId, UUID granteeId) {
        if (outbox.isPresent()) {
            new OutboxRepository(tx).dropUnsent(granteeId, Mail.Cause.SHARE, sharedId);
        }
    }

    /**
     * {@code readers}: the mentioned people who may read the comment (the caller checked access:
     * the others get nothing, and nobody learns who they are). The author is never mailed.
     */
    public void mentioned(DSLContext tx, UUID recordingId, UUID commentId, UUID authorId, Collection<UUID> readers, String body) {
        if (outbox.isEmpty() || readers.isEmpty()) {
            return;
        }
        var people = new PeopleRepository(tx);
        var author = people.person(authorId);
        var title = people.recordingTitle(recordingId);
        if (author.isEmpty() || title.isEmpty()) {
            return;
        }
        String who = Letter.oneLine(author.get().displayName());
        String lesson = "“" + Letter.oneLine(title.get()) + "”";
        URI link = links.recording(recordingId);
        for (UUID readerId : readers) {
            var reader = people.person(readerId);
            if (readerId.equals(authorId) || reader.isEmpty() || !people.preferences(readerId).mentions()) {
                continue;
            }
            var letter = new Letter(who + " mentioned you on " + lesson)
                    .paragraph("Hello " + Letter.oneLine(reader.get().displayName()) + ",")
                    .paragraph(who + " mentioned you in a comment on " + lesson + ":")
                    .paragraph("“" + Letter.excerpt(body, EXCERPT_CHARS) + "”")
                    .link("Read and answer it in Lessonloop (you sign in first)", link)
                    .footer("You get this mail when someone mentions you. Turn it off on your security page: " + links.settings());
            outbox.get().queue(tx, new Mail(readerId, reader.get().email(), Mail.Cause.MENTION, Optional.of(commentId),
                    "mention:" + commentId + ":" + readerId, letter.subject(), letter.text(), letter.html()));
        }
    }
}
