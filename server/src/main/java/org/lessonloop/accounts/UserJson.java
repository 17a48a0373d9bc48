package org.lessonloop.accounts;

import io.vertx.core.json.JsonObject;
import org.lessonloop.architecture.FeatureApi;

/** The JSON of a user, the same wherever one is shown (accounts, shares). */
@FeatureApi
public final class UserJson {
    private UserJson() {
    }

    public static JsonObject of(User user) {
        return new JsonObject()
                .put("id", user.id().toString())
                .put("email", user.email())
                .put("displayName", user.displayName())
                .put("role", user.role().code())
                .put("organizationId", user.organizationId().toString());
    }
}
