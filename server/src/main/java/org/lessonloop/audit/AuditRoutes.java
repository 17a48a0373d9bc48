package org.lessonloop.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.Responses;

/** The owner reads who did what with their lesson. */
public final class AuditRoutes {
    private final AuditLog audit;
    private final AccessPolicy policy;

    public AuditRoutes(AuditLog audit, AccessPolicy policy) {
        this.audit = audit;
        this.policy = policy;
    }

    public void mount(Router api) {
        api.get("/recordings/:recordingId/audit").handler(this::forRecording);
    }

    private void forRecording(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID recordingId = Ids.pathParam(ctx, "recordingId");
        Responses.json(ctx, 200, () -> {
            policy.require(me, recordingId, Permission.MANAGE);
            return new JsonArray(audit.forRecording(recordingId).stream().map(e -> new JsonObject()
                    .put("at", e.at().toString())
                    .put("actorId", e.actorId() == null ? null : e.actorId().toString())
                    .put("actorName", e.actorName())
                    .put("action", e.action())
                    .put("subjectUserId", e.subjectUserId() == null ? null : e.subjectUserId().toString())
                    .put("detail", e.detail())).toList());
        });
    }
}
