package org.lessonloop.mail;

/** Which of the optional mails a person gets: the daily digest, a mail per share with them, a mail per mention. */
record MailPreferences(boolean digest, boolean shares, boolean mentions) {
    static final MailPreferences ALL = new MailPreferences(true, true, true);
}
