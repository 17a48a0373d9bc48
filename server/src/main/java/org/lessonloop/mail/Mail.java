package org.lessonloop.mail;

import java.util.Optional;
import java.util.UUID;

/**
 * One mail to one person, as the outbox keeps it until it is sent. {@code cause} and {@code causeId}
 * say what it follows (the recording shared, the comment that mentions); {@code dedupeKey} makes a
 * cause mail at most once, however often it is queued.
 */
record Mail(UUID recipientId, String toAddress, Cause cause, Optional<UUID> causeId, String dedupeKey, String subject,
            String text, String html) {

    enum Cause {
        INVITATION, RESET, SHARE, MENTION, DIGEST, RETENTION;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
