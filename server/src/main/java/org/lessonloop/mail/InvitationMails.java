package org.lessonloop.mail;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.lessonloop.accounts.InvitationMail;

/**
 * Invitation and reset links by mail: the one mail that carries a link working without signing in,
 * to the person it is for alone. Not optional (it is how an account opens), and each link mails once.
 */
final class InvitationMails implements InvitationMail {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

    private final Outbox outbox;
    private final Links links;
    private final ZoneId zone;

    InvitationMails(Outbox outbox, Links links, ZoneId zone) {
        this.outbox = outbox;
        this.links = links;
        this.zone = zone;
    }

    @Override
    public boolean sends() {
        return true;
    }

    @Override
    public void queue(DSLContext tx, Link link) {
        String admin = Letter.oneLine(link.issuedBy());
        String until = WHEN.format(link.expiresAt().atZoneSameInstant(zone));
        Letter letter = link.reset()
                ? new Letter("Your Lessonloop account was reset")
                        .paragraph("Hello " + Letter.oneLine(link.user().displayName()) + ",")
                        .paragraph(admin + " reset your Lessonloop account: your old password no longer works, and you were "
                                + "signed out everywhere. Choose a new password with this link. It works once, until " + until + ".")
                        .link("Choose a new password", link.url())
                        .paragraph("If you did not ask for this, tell your school: your security page lists every reset.")
                : new Letter("You are invited to Lessonloop")
                        .paragraph("Hello " + Letter.oneLine(link.user().displayName()) + ",")
                        .paragraph(admin + " invited you to Lessonloop, where teachers review their lessons with a coach. "
                                + "Choose your password with this link. It works once, until " + until + ".")
                        .link("Choose your password", link.url())
                        .paragraph("Nobody else knows this link: not even your administrator. If you did not expect this mail, ignore it.");
        letter.footer("Lessonloop at " + links.base());
        Mail.Cause cause = link.reset() ? Mail.Cause.RESET : Mail.Cause.INVITATION;
        // Each link is new: its expiry time and user name it uniquely.
        outbox.queue(tx, new Mail(link.user().id(), link.user().email(), cause, Optional.empty(),
                cause.code() + ":" + link.user().id() + ":" + link.expiresAt().toInstant(), letter.subject(), letter.text(), letter.html()));
    }
}
