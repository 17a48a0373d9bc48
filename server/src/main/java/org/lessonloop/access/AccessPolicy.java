package org.lessonloop.access;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.database.CoherentCache;
import org.lessonloop.database.DatabaseChanges;
import org.lessonloop.problems.ProblemException;

/**
 * The one place that decides who may do what with a recording (DESIGN.md §5). A recording is its
 * owner's alone until the owner shares it; being admin grants nothing. Callers without view
 * access get 404, so they cannot even learn that the recording exists.
 */
@FeatureApi
public final class AccessPolicy {
    /** Recordings and decisions (a user's access to one), one unit each: a few MiB. */
    private static final long CACHE_ENTRIES = 200_000;

    private final AccessRepository repository;
    private final CoherentCache<UUID, UUID, Decision> cache;
    private final Clock clock;

    /** A user's access to one recording, until {@code lapsesAt} when a share with an end gives it (else null). */
    record Decision(Access access, Instant lapsesAt) {
        boolean lapsedAt(Instant now) {
            return lapsesAt != null && !now.isBefore(lapsesAt);
        }
    }

    /**
     * Decisions are cached per recording and user, and dropped the moment a share, a pair or the
     * recording changes, on every node (migration V5's notifications): revoking stays immediate.
     */
    public AccessPolicy(DSLContext db, DatabaseChanges changes, Clock clock) {
        this.repository = new AccessRepository(db);
        this.cache = changes.cache("access", UUID::fromString, CACHE_ENTRIES, 1, decision -> 1);
        this.clock = clock;
    }

    /**
     * A cached decision past its share's end is decided again, so an expiry holds from the next
     * request on, before the sweep ({@link ShareExpiry}) has announced it to every node.
     */
    public Access accessTo(UUID userId, UUID recordingId) {
        Decision cached = cache.getOrLoad(recordingId, userId, () -> repository.decide(userId, recordingId));
        if (cached.lapsedAt(clock.instant())) {
            return repository.decide(userId, recordingId).access();
        }
        return cached.access();
    }

    /**
     * Who may do what with this recording just changed (share, revocation, deletion). Every node
     * hears it from the database; this makes it immediate on this node, for the caller's next request.
     */
    public void changed(UUID recordingId) {
        cache.invalidate(recordingId);
    }

    /**
     * Told of every change to who may do what with a recording (a share, a pair, a deletion), on
     * this node or any other, before the next request or notification is served: what holds access
     * open (a live subscription) checks it again.
     */
    public void watch(CoherentCache.Watcher<UUID> watcher) {
        cache.watch(watcher);
    }

    /** A coaching pair changed: its standing share may reach any of the teacher's recordings. */
    void changedForAll() {
        cache.invalidateAll();
    }

    /** Returns the caller's access, or throws 404 (cannot view) / 403 (can view, not this). */
    public Access require(CurrentUser user, UUID recordingId, Permission permission) {
        return require(accessTo(user.id(), recordingId), permission);
    }

    private static Access require(Access access, Permission permission) {
        if (access == Access.NONE) {
            throw ProblemException.notFound("There is no such recording, or it has not been shared with you.");
        }
        if (!access.allows(permission)) {
            throw ProblemException.forbidden(switch (permission) {
                case COMMENT -> "This recording was shared with you to view, not to comment.";
                case MANAGE -> "Only the teacher who owns this recording can do that.";
                case VIEW -> "You cannot view this recording.";
            });
        }
        return access;
    }
}
