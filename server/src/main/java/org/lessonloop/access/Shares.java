package org.lessonloop.access;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.User;
import org.lessonloop.accounts.UserDirectory;
import org.lessonloop.accounts.UserRole;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.events.RecordingEvents;
import org.lessonloop.mail.Notifications;
import org.lessonloop.problems.ProblemException;

/**
 * The owner shares a recording with a colleague, or takes it back; effective on the next request.
 * The colleague hears of it live ({@code share.granted}, {@code share.revoked}), so her library updates.
 */
public final class Shares {
    private final AccessPolicy policy;
    private final ShareRepository shares;
    private final UserDirectory users;
    private final AuditLog audit;
    private final RecordingEvents events;
    private final org.jooq.DSLContext db;
    private final Notifications notifications;

    public Shares(AccessPolicy policy, org.jooq.DSLContext db, UserDirectory users, AuditLog audit, RecordingEvents events,
                  Notifications notifications) {
        this.policy = policy;
        this.db = db;
        this.notifications = notifications;
        this.shares = new ShareRepository(db);
        this.users = users;
        this.audit = audit;
        this.events = events;
    }

    public record Share(User user, String permission, java.time.OffsetDateTime createdAt) {
    }

    public List<Share> list(CurrentUser owner, UUID recordingId) {
        policy.require(owner, recordingId, Permission.MANAGE);
        List<ShareRepository.Grantee> grantees = shares.list(recordingId);
        Map<UUID, User> found = users.findAll(grantees.stream().map(ShareRepository.Grantee::userId).toList());
        // A user deleted between the two reads has lost the share with it.
        return grantees.stream().filter(g -> found.containsKey(g.userId()))
                .map(g -> new Share(found.get(g.userId()), g.permission(), g.createdAt()))
                .toList();
    }

    public void grant(CurrentUser owner, UUID recordingId, UUID userId, Grant grant) {
        policy.require(owner, recordingId, Permission.MANAGE);
        User target = users.find(userId)
                .filter(u -> u.organizationId().equals(owner.user().organizationId()))
                .orElseThrow(() -> ProblemException.invalid("There is no user " + userId + " in your organization."));
        if (target.id().equals(owner.id())) {
            throw ProblemException.invalid("You already own this recording.");
        }
        if (target.role() == UserRole.ADMIN) {
            // Coaching is not evaluation: administrators never see footage or comments.
            throw ProblemException.invalid("Recordings cannot be shared with administrators.");
        }
        // The share and the mail telling its person commit together.
        db.transaction(tx -> {
            if (new ShareRepository(tx.dsl()).upsert(recordingId, userId, grant.code())) {
                notifications.shared(tx.dsl(), recordingId, owner.id(), userId, grant.code());
            }
        });
        policy.changed(recordingId);
        audit.record(owner.id(), "share.granted", recordingId, userId, grant.code());
        events.toUser(userId, recordingId, "share.granted", new JsonObject().put("permission", grant.code()));
    }

    public void revoke(CurrentUser owner, UUID recordingId, UUID userId) {
        policy.require(owner, recordingId, Permission.MANAGE);
        if (!shares.delete(recordingId, userId)) {
            throw ProblemException.notFound("This recording is not shared with that user.");
        }
        policy.changed(recordingId);
        audit.record(owner.id(), "share.revoked", recordingId, userId, null);
        events.toUser(userId, recordingId, "share.revoked", new JsonObject());
    }
}
