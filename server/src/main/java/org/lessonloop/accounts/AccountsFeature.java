package org.lessonloop.accounts;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jooq.DSLContext;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.http.ClientAddress;

/** Wires identity (sign-in, sessions, invitations, resets, passwords) and mounts its routes. */
public final class AccountsFeature implements Feature {
    private static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);

    private final UserRepository users;
    private final Sessions sessions;
    private final SessionAuthHandler auth;
    private final AccountUseCases useCases;
    private final LoginThrottle throttle;
    private final InvitationRepository invitations;
    private final PasswordChecks checks;
    private final Optional<OidcSignIn> oidc;
    private final Clock clock;

    public AccountsFeature(Platform platform, InvitationMail mail) {
        LessonloopConfig.Accounts config = platform.config().accounts();
        DSLContext db = platform.db();
        Clock clock = platform.clock();
        this.clock = clock;
        var hasher = new PasswordHasher(config.passwordIterations());
        var policy = PasswordPolicy.standard();
        int cores = Runtime.getRuntime().availableProcessors();
        // One hash per core at a time, and as many waiting: a check then waits at most about one hash's time.
        this.checks = new PasswordChecks(hasher, platform.vertx(), cores, cores);
        this.users = new UserRepository(db);
        this.throttle = new LoginThrottle(db, THROTTLE_WINDOW, clock);
        this.invitations = new InvitationRepository(db);
        var events = new AccountEventRepository(db);
        this.sessions = new Sessions(new SessionRepository(db), config.sessionTtl(), clock, platform.changes());
        this.auth = new SessionAuthHandler(sessions, config.secureCookies());
        var createUser = new CreateUser(users, hasher, policy);
        var signIn = new SignIn(users, throttle, checks, sessions);
        var manage = new ManageAccounts(db, createUser, events, sessions, mail, config.invitationTtl(), clock);
        var acceptInvitation = new AcceptInvitation(invitations, users, events, sessions, checks, policy, clock);
        var changePassword = new ChangePassword(users, throttle, checks, policy, sessions, events, clock);
        this.oidc = config.oidc().map(settings -> new OidcSignIn(new OidcProvider(settings), settings.allowedDomains(),
                new OidcFlowRepository(db), new IdentityRepository(db), users, invitations, events, sessions, clock));
        this.useCases = new AccountUseCases(users, sessions, auth, signIn, manage, acceptInvitation, changePassword, events,
                new ClientAddress(config.trustedProxies()), platform.config().publicUrl(), oidc,
                config.oidc().flatMap(LessonloopConfig.Oidc::redirectUri));
        platform.config().bootstrapAdmin().ifPresent(admin -> new BootstrapAdmin(users, createUser).ensureAdmin(admin.email(), admin.password()));
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Sets the signed-in user (if any) on each /api request. */
    public SessionAuthHandler auth() {
        return auth;
    }

    /** Names of users, for features that show who did what. */
    public UserDirectory directory() {
        return new UserDirectory(users);
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        new AccountsRoutes(useCases).mount(api, json);
    }

    /** Drops what has expired: sessions, invitations, throttle windows, sign-ins left at the provider. */
    @Override
    public void housekeep() {
        sessions.purgeExpired();
        invitations.deleteExpired(java.time.OffsetDateTime.now(clock));
        throttle.forgetOld();
        oidc.ifPresent(OidcSignIn::purgeExpired);
    }

    @Override
    public void close() {
        checks.close();
    }
}
