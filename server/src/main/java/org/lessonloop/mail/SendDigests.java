package org.lessonloop.mail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.jobs.Job;
import org.lessonloop.jobs.JobContext;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.jobs.PermanentJobFailure;

/**
 * The {@code mail.digest} job of one day: a mail to each person whose lessons saw comments by others,
 * or with whom a lesson was shared, that day. Each person's mail has the key {@code digest:<person>:<day>},
 * so a rerun (after a crash, or the job queued twice) mails nobody twice; people who turned the digest
 * off, or had nothing happen, get nothing.
 */
final class SendDigests implements JobHandler {
    static final String KIND = "mail.digest";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    private final DSLContext db;
    private final Outbox outbox;
    private final Links links;
    private final ZoneId zone;

    SendDigests(DSLContext db, Outbox outbox, Links links, ZoneId zone) {
        this.db = db;
        this.outbox = outbox;
        this.links = links;
        this.zone = zone;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** What one person hears about. */
    private record Digest(List<DigestRepository.Activity> activity, List<DigestRepository.Shared> shared) {
    }

    @Override
    public void run(Job job, JobContext context) {
        LocalDate day;
        try {
            day = LocalDate.parse(job.payload().getString("day", ""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new PermanentJobFailure("A mail.digest job needs its day as {\"day\": \"2026-12-01\"}");
        }
        OffsetDateTime from = day.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        var repository = new DigestRepository(db);
        Map<UUID, Digest> byPerson = new LinkedHashMap<>();
        repository.activity(from, to).forEach(a -> byPerson.computeIfAbsent(a.ownerId(), id -> new Digest(new java.util.ArrayList<>(),
                new java.util.ArrayList<>())).activity().add(a));
        repository.sharedWith(from, to).forEach(s -> byPerson.computeIfAbsent(s.userId(), id -> new Digest(new java.util.ArrayList<>(),
                new java.util.ArrayList<>())).shared().add(s));
        for (var entry : byPerson.entrySet()) {
            if (context.stopRequested()) {
                return; // the next run picks up where this one stopped: who has theirs is in the outbox
            }
            db.transaction(tx -> queue(tx.dsl(), entry.getKey(), day, entry.getValue()));
        }
    }

    private void queue(DSLContext tx, UUID personId, LocalDate day, Digest digest) {
        var people = new PeopleRepository(tx);
        Optional<PeopleRepository.Person> person = people.person(personId);
        if (person.isEmpty() || !people.preferences(personId).digest()) {
            return;
        }
        var letter = new Letter("What happened on your lessons, " + DAY.format(day))
                .paragraph("Hello " + Letter.oneLine(person.get().displayName()) + ", here is " + DAY.format(day) + " on Lessonloop.");
        for (var activity : digest.activity()) {
            List<String> counts = new java.util.ArrayList<>();
            if (activity.comments() > 0) {
                counts.add(counted(activity.comments(), "new comment"));
            }
            if (activity.replies() > 0) {
                counts.add(counted(activity.replies(), "reply"));
            }
            letter.item("“" + Letter.oneLine(activity.title()) + "”: " + String.join(", ", counts)
                    + " from " + String.join(", ", activity.authors().stream().map(Letter::oneLine).toList()) + " — "
                    + links.recording(activity.recordingId()));
        }
        for (var shared : digest.shared()) {
            letter.item(Letter.oneLine(shared.ownerName()) + " shared “" + Letter.oneLine(shared.title()) + "” with you — "
                    + links.recording(shared.recordingId()));
        }
        letter.link("Open Lessonloop (you sign in first)", links.base())
                .footer("You get this digest on days something happens on your lessons. Turn it off on your security page: "
                        + links.settings());
        outbox.queue(tx, new Mail(personId, person.get().email(), Mail.Cause.DIGEST, Optional.empty(),
                "digest:" + personId + ":" + day, letter.subject(), letter.text(), letter.html()));
    }

    private static String counted(int n, String thing) {
        String plural = thing.endsWith("y") ? thing.substring(0, thing.length() - 1) + "ies" : thing + "s";
        return n + " " + (n == 1 ? thing : plural);
    }
}
