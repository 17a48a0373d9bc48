package org.lessonloop.mail;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;

/** A person's choice of mails: the daily digest, shares with them, mentions of them. Each their own. */
final class MailRoutes {
    private final PeopleRepository people;
    private final boolean sends;
    private final Clock clock;

    MailRoutes(PeopleRepository people, boolean sends, Clock clock) {
        this.people = people;
        this.sends = sends;
        this.clock = clock;
    }

    void mount(Router api, BodyHandler json) {
        api.get("/me/mail").handler(this::preferences);
        api.put("/me/mail").handler(json).handler(this::choose);
    }

    private void preferences(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> json(people.preferences(me.id())));
    }

    /** Only the fields sent change. */
    private void choose(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, "digest", "shares", "mentions");
        var digest = body.optionalBoolean("digest");
        var shares = body.optionalBoolean("shares");
        var mentions = body.optionalBoolean("mentions");
        Responses.json(ctx, 200, () -> {
            MailPreferences now = people.preferences(me.id());
            MailPreferences chosen = new MailPreferences(digest.orElse(now.digest()), shares.orElse(now.shares()),
                    mentions.orElse(now.mentions()));
            people.save(me.id(), chosen, OffsetDateTime.now(clock));
            return json(chosen);
        });
    }

    /** {@code sending}: whether this server mails at all (no SMTP configured: the choices wait for it). */
    private JsonObject json(MailPreferences preferences) {
        return new JsonObject().put("sending", sends).put("digest", preferences.digest()).put("shares", preferences.shares())
                .put("mentions", preferences.mentions());
    }
}
