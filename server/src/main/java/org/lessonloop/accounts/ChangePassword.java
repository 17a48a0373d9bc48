package org.lessonloop.accounts;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.lessonloop.http.Blocking;
import org.lessonloop.problems.ProblemException;

/**
 * A person changes their own password, giving the current one (a borrowed, unlocked browser is not
 * enough). Their other sessions end; this one stays. Wrong guesses count like failed sign-ins.
 */
public final class ChangePassword {
    private final UserRepository users;
    private final LoginThrottle throttle;
    private final PasswordChecks checks;
    private final PasswordPolicy policy;
    private final Sessions sessions;
    private final AccountEventRepository events;
    private final Clock clock;

    public ChangePassword(UserRepository users, LoginThrottle throttle, PasswordChecks checks, PasswordPolicy policy,
                          Sessions sessions, AccountEventRepository events, Clock clock) {
        this.users = users;
        this.throttle = throttle;
        this.checks = checks;
        this.policy = policy;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    public Future<Void> change(CurrentUser me, String current, String replacement, String client, String device) {
        policy.check("newPassword", replacement);
        if (replacement.equals(current)) {
            throw ProblemException.invalid("'newPassword' is the same as the current one.");
        }
        String email = me.user().email();
        return Blocking.call(() -> {
            throttle.reserveAttempt(email, client);
            return users.passwordHash(me.id());
        }).compose(stored -> checks.matches(current, stored)).compose(right -> {
            if (!right) {
                return Future.failedFuture(ProblemException.invalid("'currentPassword' is not your current password."));
            }
            return checks.hash(replacement);
        }).compose(hash -> Blocking.call(() -> {
            throttle.recordSuccess(email, client);
            users.setPasswordHash(me.id(), hash);
            sessions.endAll(me.id(), me.sessionTokenHash());
            events.record(me.id(), AccountEventRepository.Kind.PASSWORD_CHANGED, Optional.empty(), Optional.of(device), OffsetDateTime.now(clock));
            return null;
        }));
    }
}
