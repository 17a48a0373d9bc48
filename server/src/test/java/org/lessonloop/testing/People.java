package org.lessonloop.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * Accounts made the way a school makes them: the admin invites, the person opens the link and sets
 * their own password (the admin never knows it).
 */
public final class People {
    private People() {
    }

    /** Invites the person and accepts the invitation with {@code password}; the new account's JSON. */
    public static JsonObject invitedAndActivated(ApiClient admin, String email, String displayName, String role, String password) {
        ApiResponse created = admin.postJson("/api/users", new JsonObject()
                .put("email", email).put("displayName", displayName).put("role", role));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not invite " + email + ": " + created);
        }
        accept(admin.base(), tokenOf(created.json()), password);
        return created.json();
    }

    /** The token in an invitation's link (its fragment). */
    public static String tokenOf(JsonObject invited) {
        return URI.create(invited.getJsonObject("invitation").getString("url")).getFragment();
    }

    /** Accepts an invitation in a fresh browser, which is then signed in as its person. */
    public static ApiClient accept(URI base, String token, String password) {
        ApiClient person = new ApiClient(base);
        ApiResponse accepted = person.postJson("/api/invitations/accept", new JsonObject().put("token", token).put("password", password));
        if (accepted.status() != 200) {
            throw new IllegalStateException("Could not accept the invitation: " + accepted);
        }
        return person.signedInAs(accepted);
    }
}
