package org.lessonloop.access;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import org.lessonloop.accounts.UserDirectory;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.http.Blocking;
import org.lessonloop.mail.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who may do what with a recording (the one AccessPolicy), coaching pairs and shares. */
public final class AccessFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(AccessFeature.class);
    /** How late an open player or live channel may end after its share's end: requests are refused on time regardless. */
    private static final Duration EXPIRY_SWEEP = Duration.ofSeconds(2);

    private final AccessPolicy policy;
    private final PairsRoutes pairs;
    private final SharesRoutes shares;
    private final Platform platform;
    private final long sweep;

    public AccessFeature(Platform platform, UserDirectory directory, AuditLog audit, Notifications notifications) {
        var db = platform.db();
        this.platform = platform;
        this.policy = new AccessPolicy(db, platform.changes(), platform.clock());
        this.pairs = new PairsRoutes(new Pairs(db, directory, audit, policy, notifications));
        this.shares = new SharesRoutes(new Shares(policy, db, directory, audit, platform.events(), notifications, platform.clock()));
        var expiry = new ShareExpiry(new ShareRepository(db), policy, audit, platform.events());
        this.sweep = platform.vertx().setPeriodic(EXPIRY_SWEEP.toMillis(), id -> Blocking.call(expiry::announceLapses)
                .onFailure(e -> LOG.warn("Could not announce the shares that ended: {}", e.getMessage())));
    }

    public AccessPolicy policy() {
        return policy;
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        pairs.mount(api, json);
        shares.mount(api, json);
    }

    @Override
    public void close() {
        platform.vertx().cancelTimer(sweep);
    }
}
