package org.lessonloop.access;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
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
    private static final Duration MAX_LENGTH = Duration.ofDays(5 * 366);

    private final AccessPolicy policy;
    private final ShareRepository shares;
    private final UserDirectory users;
    private final AuditLog audit;
    private final RecordingEvents events;
    private final org.jooq.DSLContext db;
    private final Notifications notifications;

    private final Clock clock;

    public Shares(AccessPolicy policy, org.jooq.DSLContext db, UserDirectory users, AuditLog audit, RecordingEvents events,
                  Notifications notifications, Clock clock) {
        this.policy = policy;
        this.db = db;
        this.notifications = notifications;
        this.shares = new ShareRepository(db);
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** {@code expiresAt}: when the share ends, or null for a share until revoked. */
    public record Share(User user, String permission, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    public List<Share> list(CurrentUser owner, UUID recordingId) {
        policy.require(owner, recordingId, Permission.MANAGE);
        List<ShareRepository.Grantee> grantees = shares.list(recordingId);
        Map<UUID, User> found = users.findAll(grantees.stream().map(ShareRepository.Grantee::userId).toList());
        // A user deleted between the two reads has lost the share with it.
        return grantees.stream().filter(g -> found.containsKey(g.userId()))
                .map(g -> new Share(found.get(g.userId()), g.permission(), g.createdAt(), g.expiresAt()))
                .toList();
    }

    public void grant(CurrentUser owner, UUID recordingId, UUID userId, Grant grant, Optional<Instant> expiresAt) {
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
        expiresAt.ifPresent(this::requireFuture);
        // The share and the mail telling its person commit together.
        db.transaction(tx -> {
            if (new ShareRepository(tx.dsl()).upsert(recordingId, userId, grant.code(), expiresAt.orElse(null))) {
                notifications.shared(tx.dsl(), recordingId, owner.id(), userId, grant.code());
            }
        });
        policy.changed(recordingId);
        audit.record(owner.id(), "share.granted", recordingId, userId, grant.code() + expiresAt.map(end -> " until " + end).orElse(""));
        events.toUser(userId, recordingId, "share.granted", new JsonObject().put("permission", grant.code())
                .put("expiresAt", expiresAt.map(Instant::toString).orElse(null)));
    }

    /**
     * The owner changes a share: its permission, its end ({@code Optional.of(Optional.empty())}
     * removes the end). A lapsed share given a new end is in force again.
     */
    public void change(CurrentUser owner, UUID recordingId, UUID userId, Optional<Grant> grant, Optional<Optional<Instant>> expiresAt) {
        policy.require(owner, recordingId, Permission.MANAGE);
        expiresAt.flatMap(end -> end).ifPresent(this::requireFuture);
        boolean found = grant.map(g -> shares.changePermission(recordingId, userId, g.code())).orElse(true)
                & expiresAt.map(end -> shares.changeEnd(recordingId, userId, end.orElse(null))).orElse(true);
        if (!found) {
            throw ProblemException.notFound("This recording is not shared with that user.");
        }
        policy.changed(recordingId);
        grant.ifPresent(g -> audit.record(owner.id(), "share.changed", recordingId, userId, g.code()));
        expiresAt.ifPresent(end -> audit.record(owner.id(), "share.end-changed", recordingId, userId,
                end.map(Instant::toString).orElse("no end")));
        events.toUser(userId, recordingId, "share.granted", new JsonObject());
    }

    private void requireFuture(Instant end) {
        if (!end.isAfter(clock.instant())) {
            throw ProblemException.invalid("A share's end must be in the future (it was " + end + "); to end it now, revoke it.");
        }
        if (end.isAfter(clock.instant().plus(MAX_LENGTH))) {
            throw ProblemException.invalid("A share can end at most five years from now; leave the end out for a share until revoked.");
        }
    }

    public void revoke(CurrentUser owner, UUID recordingId, UUID userId) {
        policy.require(owner, recordingId, Permission.MANAGE);
        // The share and its mail, if not sent yet, go together.
        boolean found = db.transactionResult(tx -> {
            boolean deleted = new ShareRepository(tx.dsl()).delete(recordingId, userId);
            if (deleted) {
                notifications.unshared(tx.dsl(), recordingId, userId);
            }
            return deleted;
        });
        if (!found) {
            throw ProblemException.notFound("This recording is not shared with that user.");
        }
        policy.changed(recordingId);
        audit.record(owner.id(), "share.revoked", recordingId, userId, null);
        events.toUser(userId, recordingId, "share.revoked", new JsonObject());
    }
}
