package org.lessonloop.access;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.accounts.UserDirectory;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.mail.Notifications;

/** Who may do what with a recording (the one AccessPolicy), coaching pairs and shares. */
public final class AccessFeature implements Feature {
    private final AccessPolicy policy;
    private final PairsRoutes pairs;
    private final SharesRoutes shares;

    public AccessFeature(Platform platform, UserDirectory directory, AuditLog audit, Notifications notifications) {
        var db = platform.db();
        this.policy = new AccessPolicy(db, platform.changes());
        this.pairs = new PairsRoutes(new Pairs(db, directory, audit, policy));
        this.shares = new SharesRoutes(new Shares(policy, db, directory, audit, platform.events(), notifications));
    }

    public AccessPolicy policy() {
        return policy;
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        pairs.mount(api, json);
        shares.mount(api, json);
    }
}
