package org.lessonloop.accounts;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.lessonloop.http.Blocking;
import org.lessonloop.problems.ProblemException;

/**
 * Signs a person in with email and password. Its work is bounded per client address across all
 * emails: {@link #IN_FLIGHT_PER_CLIENT} at once on a node (more are refused at once), and
 * {@link LoginThrottle}'s failure counts on every node; the hashing itself waits in
 * {@link PasswordChecks}' short queue, never on a database or blocking slot.
 */
public final class SignIn {
    static final int IN_FLIGHT_PER_CLIENT = 4;

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final PasswordChecks checks;
    private final Sessions sessions;
    private final ConcurrentMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    public SignIn(UserRepository users, LoginThrottle throttle, PasswordChecks checks, Sessions sessions) {
        this.users = users;
        this.throttle = throttle;
        this.checks = checks;
        this.sessions = sessions;
    }

    /** A new session (never the previous one: no fixation) for who signed in, or a 401 that says nothing about the email. */
    public Future<Sessions.SignedIn> signIn(String email, String password, String client, String device, Optional<String> previousToken) {
        String normalized = email.toLowerCase(Locale.ROOT);
        if (!enter(client)) {
            return Future.failedFuture(ProblemException.tooManyRequests("Too many sign-ins from your network at once. Try again in a moment."));
        }
        return Blocking.call(() -> {
            throttle.reserveAttempt(normalized, client);
            return users.withEmail(normalized);
        }).compose(accounts -> firstMatching(password, accounts)).compose(match -> {
            if (match.isEmpty()) {
                return Future.<Sessions.SignedIn>failedFuture(ProblemException.unauthorized("The email or password is not right."));
            }
            return Blocking.call(() -> {
                throttle.recordSuccess(normalized, client);
                return sessions.open(match.get().user(), device, previousToken);
            });
        }).onComplete(ignored -> leave(client));
    }

    /**
     * The account whose password this is. An email has one account per organization at most (a
     * person at two schools has two), so each is tried in turn, oldest first; an email of no account
     * with a password costs no hashing.
     */
    private Future<Optional<UserRepository.Credentials>> firstMatching(String password, List<UserRepository.Credentials> accounts) {
        List<UserRepository.Credentials> withPassword = accounts.stream().filter(a -> a.passwordHash().isPresent()).toList();
        if (withPassword.isEmpty()) {
            return checks.matches(password, Optional.empty()).map(ignored -> Optional.empty());
        }
        return tryFrom(password, withPassword, 0);
    }

    private Future<Optional<UserRepository.Credentials>> tryFrom(String password, List<UserRepository.Credentials> accounts, int index) {
        if (index == accounts.size()) {
            return Future.succeededFuture(Optional.empty());
        }
        UserRepository.Credentials account = accounts.get(index);
        return checks.matches(password, account.passwordHash())
                .compose(right -> right ? Future.succeededFuture(Optional.of(account)) : tryFrom(password, accounts, index + 1));
    }

    private boolean enter(String client) {
        if (inFlight.merge(client, 1, Integer::sum) > IN_FLIGHT_PER_CLIENT) {
            leave(client);
            return false;
        }
        return true;
    }

    private void leave(String client) {
        inFlight.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }
}
