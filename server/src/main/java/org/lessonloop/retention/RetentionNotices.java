package org.lessonloop.retention;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.architecture.FeatureApi;

/**
 * The hook for mail (branch {@code mail}): which recordings retention deletes soon, of one owner
 * or of everyone, as the library's notice shows them. A daily digest asks {@link #all()} and
 * groups by owner; nothing here sends anything.
 */
@FeatureApi
public final class RetentionNotices {
    private final RetentionRepository repository;
    private final Clock clock;

    RetentionNotices(DSLContext db, Clock clock) {
        this.repository = new RetentionRepository(db);
        this.clock = clock;
    }

    public List<RetentionNotice> of(UUID ownerId) {
        return repository.notices(ownerId, OffsetDateTime.now(clock));
    }

    /** Every owner's notices, soonest deletion first (at most a thousand: ask again after the next sweep). */
    public List<RetentionNotice> all() {
        return repository.notices(null, OffsetDateTime.now(clock));
    }
}
