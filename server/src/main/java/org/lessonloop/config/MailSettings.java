package org.lessonloop.config;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the server sends mail, when an SMTP server is configured ({@code LESSONLOOP_SMTP_HOST}); without
 * one nothing is mailed and invitation links are shown to the admin once instead. Links in a mail
 * point at {@code publicUrl}: a worker sending a digest has no request to take an address from.
 * {@code digestZone} and {@code digestHour}: a day's digest goes out at that hour of the next day there.
 */
public record MailSettings(String host, int port, Optional<String> username, Optional<String> password, String from,
                           StartTls startTls, URI publicUrl, ZoneId digestZone, int digestHour) {

    /** STARTTLS on the SMTP connection: required (the default: links and names never cross in cleartext), if offered, or never. */
    public enum StartTls { REQUIRED, OPTIONAL, DISABLED }

    /** An address, optionally with a name: {@code lessonloop@school.org} or {@code Lessonloop <lessonloop@school.org>}. */
    private static final Pattern FROM = Pattern.compile("([^<>\\r\\n]*<[^@\\s<>]+@[^@\\s<>]+>|[^@\\s<>]+@[^@\\s<>]+)");

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", username=" + username.orElse("(unset)") + ", password="
                + (password.isPresent() ? "(set)" : "(unset)") + ", from=" + from + ", startTls=" + startTls + "]";
    }

    static Optional<MailSettings> read(EnvReader in, Optional<URI> publicUrl) {
        Optional<String> host = in.optional("LESSONLOOP_SMTP_HOST");
        int port = in.integer("LESSONLOOP_SMTP_PORT", 587, 1, 65535);
        Optional<String> username = in.optional("LESSONLOOP_SMTP_USERNAME");
        Optional<String> password = in.optional("LESSONLOOP_SMTP_PASSWORD");
        Optional<String> from = in.optional("LESSONLOOP_SMTP_FROM");
        StartTls startTls = in.choice("LESSONLOOP_SMTP_STARTTLS", StartTls.REQUIRED, StartTls.class);
        String zone = in.string("LESSONLOOP_MAIL_DIGEST_ZONE", "UTC");
        int hour = in.integer("LESSONLOOP_MAIL_DIGEST_HOUR", 6, 0, 23);
        ZoneId digestZone = ZoneId.of("UTC");
        try {
            digestZone = ZoneId.of(zone);
        } catch (DateTimeException e) {
            in.problem("LESSONLOOP_MAIL_DIGEST_ZONE='" + zone + "' is not a time zone such as Europe/Berlin or America/Chicago");
        }
        if (username.isPresent() != password.isPresent()) {
            in.problem("LESSONLOOP_SMTP_USERNAME and LESSONLOOP_SMTP_PASSWORD go together: set both or neither");
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (from.isEmpty() || !FROM.matcher(from.get()).matches()) {
            in.problem("LESSONLOOP_SMTP_HOST is set, so LESSONLOOP_SMTP_FROM must name the sender, e.g. 'Lessonloop <lessonloop@school.org>'");
        }
        if (publicUrl.isEmpty()) {
            in.problem("LESSONLOOP_SMTP_HOST is set, so LESSONLOOP_PUBLIC_URL must say where the links in mails lead "
                    + "(https://lessonloop.school.org)");
            return Optional.empty();
        }
        return Optional.of(new MailSettings(host.get(), port, username, password, from.orElse(""), startTls, publicUrl.get(),
                digestZone, hour));
    }
}
