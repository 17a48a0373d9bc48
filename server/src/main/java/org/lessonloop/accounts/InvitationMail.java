package org.lessonloop.accounts;

import java.net.URI;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.lessonloop.architecture.FeatureApi;

/**
 * Where an invitation or reset link goes when email is configured: into a mail queued in the
 * transaction that issues the link, so the admin never holds it. The mail feature implements this;
 * {@link #NONE} (no SMTP) leaves the link to be shown to the admin once.
 */
@FeatureApi
public interface InvitationMail {
    /** What the mail says: whose link, whether it follows a reset, the link itself, until when it works, and who issued it. */
    record Link(User user, boolean reset, URI url, OffsetDateTime expiresAt, String issuedBy) {
    }

    /** Whether links are mailed; if not, the admin is shown each link once to hand over. */
    boolean sends();

    /** Queues the link's mail through {@code tx}, the transaction that stores the link. */
    void queue(DSLContext tx, Link link);

    InvitationMail NONE = new InvitationMail() {
        @Override
        public boolean sends() {
            return false;
        }

        @Override
        public void queue(DSLContext tx, Link link) {
            throw new IllegalStateException("No mail is configured");
        }
    };
}
