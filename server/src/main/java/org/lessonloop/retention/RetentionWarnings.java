package org.lessonloop.retention;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.lessonloop.mail.Notifications;

/**
 * The owner's warning by mail (issue 12, item 6), besides the library's notice: when lessons of hers
 * come inside the warning period, one mail names them and their deletion dates. What she was warned
 * of is kept per recording and date, so later sweeps do not mail it again; a new date (she kept
 * the lesson and it fell idle again, or the policy changed) is a new warning. Without SMTP nothing
 * is marked, so the warnings go once mail is configured.
 */
final class RetentionWarnings {
    private final Notifications mail;

    RetentionWarnings(Notifications mail) {
        this.mail = mail;
    }

    /** In the sweep's transaction: the mails and the marks commit together. The number of owners mailed. */
    int send(DSLContext tx, OffsetDateTime now) {
        if (!mail.sends()) {
            return 0;
        }
        var repository = new RetentionRepository(tx);
        List<RetentionNotice> unwarned = repository.unwarned(now);
        var byOwner = unwarned.stream().collect(Collectors.groupingBy(RetentionNotice::ownerId, LinkedHashMap::new,
                Collectors.mapping(n -> new Notifications.DeletionSoon(n.recordingId(), n.title(), n.deleteAt()), Collectors.toList())));
        byOwner.forEach((UUID owner, List<Notifications.DeletionSoon> lessons) -> mail.deletionSoon(tx, owner, lessons));
        repository.warned(unwarned, now);
        return byOwner.size();
    }
}
