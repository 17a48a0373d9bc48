package org.lessonloop.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.User;
import org.lessonloop.accounts.UserDirectory;
import org.lessonloop.accounts.UserRole;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.mail.Notifications;
import org.lessonloop.problems.ProblemException;

/**
 * Coaching pairs: an admin pairs a coach with a teacher. The pair grants no access by itself;
 * only the teacher may turn on a standing share of all their recordings with that coach.
 */
public final class Pairs {
    private final PairRepository pairs;
    private final UserDirectory users;
    private final AuditLog audit;
    private final AccessPolicy policy;
    private final DSLContext db;
    private final Notifications notifications;

    public Pairs(DSLContext db, UserDirectory users, AuditLog audit, AccessPolicy policy, Notifications notifications) {
        this.db = db;
        this.pairs = new PairRepository(db);
        this.users = users;
        this.audit = audit;
        this.policy = policy;
        this.notifications = notifications;
    }

    public record Pair(UUID id, UUID coachId, UUID teacherId, Optional<String> standingPermission) {
    }

    public Pair create(CurrentUser admin, UUID coachId, UUID teacherId) {
        requireAdmin(admin);
        requireMember(admin, coachId, UserRole.COACH, "coachId");
        requireMember(admin, teacherId, UserRole.TEACHER, "teacherId");
        return pairs.insert(coachId, teacherId);
    }

    /** Admins see their organization's pairs; coaches and teachers see their own. */
    public List<Pair> list(CurrentUser me) {
        if (me.isAdmin()) {
            return pairs.listOrganization(me.user().organizationId());
        }
        return pairs.listMember(me.id());
    }

    public Pair setStandingShare(CurrentUser teacher, UUID pairId, Optional<Grant> grant) {
        Pair pair = visiblePair(teacher, pairId);
        if (!pair.teacherId().equals(teacher.id())) {
            throw ProblemException.forbidden("Only the teacher of this pair can share their recordings with the coach.");
        }
        // The standing share and the mail telling the coach (or, ended, its mail not sent yet) go together.
        db.transaction(tx -> {
            new PairRepository(tx.dsl()).setStanding(pairId, grant);
            if (grant.isEmpty()) {
                notifications.unshared(tx.dsl(), pairId, pair.coachId());
            } else if (pair.standingPermission().isEmpty()) {
                notifications.sharedAll(tx.dsl(), pairId, teacher.id(), pair.coachId(), grant.get().code());
            }
        });
        policy.changedForAll();
        audit.record(teacher.id(), grant.isPresent() ? "pair.standing-share.granted" : "pair.standing-share.revoked",
                null, pair.coachId(), grant.map(Grant::code).orElse(null));
        return pairs.find(pairId).orElseThrow();
    }

    public void delete(CurrentUser admin, UUID pairId) {
        requireAdmin(admin);
        visiblePair(admin, pairId);
        pairs.delete(pairId);
        policy.changedForAll();
    }

    private Pair visiblePair(CurrentUser me, UUID pairId) {
        return pairs.find(pairId)
                .filter(p -> list(me).stream().anyMatch(mine -> mine.id().equals(p.id())))
                .orElseThrow(() -> ProblemException.notFound("There is no such coaching pair."));
    }

    private void requireMember(CurrentUser admin, UUID userId, UserRole role, String field) {
        User user = users.find(userId)
                .filter(u -> u.organizationId().equals(admin.user().organizationId()))
                .orElseThrow(() -> ProblemException.invalid("'" + field + "': there is no such user in your organization."));
        if (user.role() != role) {
            throw ProblemException.invalid("'" + field + "' must be a " + role.code() + ", not a " + user.role().code() + ".");
        }
    }

    private static void requireAdmin(CurrentUser user) {
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can manage coaching pairs.");
        }
    }
}
