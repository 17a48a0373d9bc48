package org.lessonloop.access;

import io.vertx.core.json.JsonObject;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.events.RecordingEvents;

/**
 * Announces shares whose end has passed, as a revocation is announced: every node's cached
 * decisions and open live subscriptions are checked again (the sweep's UPDATE notifies them,
 * migration V5), the colleague's library and player hear {@code share.revoked}, and the owner's
 * audit gets a {@code share.expired} line. Requests need no sweep: the policy compares each
 * decision with its share's end. One node announces each lapse, whichever sweeps first.
 */
final class ShareExpiry {
    private final ShareRepository shares;
    private final AccessPolicy policy;
    private final AuditLog audit;
    private final RecordingEvents events;

    ShareExpiry(ShareRepository shares, AccessPolicy policy, AuditLog audit, RecordingEvents events) {
        this.shares = shares;
        this.policy = policy;
        this.audit = audit;
        this.events = events;
    }

    /** On a blocking thread; returns how many shares lapsed. */
    int announceLapses() {
        var lapsed = shares.markLapsed();
        for (var share : lapsed) {
            policy.changed(share.recordingId());
            audit.record(null, "share.expired", share.recordingId(), share.userId(), share.expiresAt().toInstant().toString());
            events.toUser(share.userId(), share.recordingId(), "share.revoked", new JsonObject().put("reason", "expired"));
        }
        return lapsed.size();
    }
}
