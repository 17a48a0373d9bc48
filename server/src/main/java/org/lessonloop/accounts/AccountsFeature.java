package org.lessonloop.accounts;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;

/** Users, sessions and sign-in: the session check every /api request passes first, and the bootstrap admin. */
public final class AccountsFeature implements Feature {
    private final UserRepository users;
    private final CreateUser createUser;
    private final Sessions sessions;
    private final SessionAuthHandler auth;

    public AccountsFeature(Platform platform) {
        var config = platform.config();
        this.users = new UserRepository(platform.db());
        var hasher = new PasswordHasher(config.accounts().passwordIterations());
        this.createUser = new CreateUser(users, hasher);
        this.sessions = new Sessions(users, new SessionRepository(platform.db()), hasher,
                new LoginThrottle(5, Duration.ofMinutes(15), platform.clock()), config.accounts().sessionTtl(),
                platform.clock(), platform.changes());
        this.auth = new SessionAuthHandler(sessions, config.accounts().secureCookies());
        config.bootstrapAdmin().ifPresent(admin -> new BootstrapAdmin(users, createUser).ensureAdmin(admin.email(), admin.password()));
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
        new AccountsRoutes(sessions, auth, createUser, users).mount(api, json);
    }

    @Override
    public void housekeep() {
        sessions.purgeExpired();
    }
}
