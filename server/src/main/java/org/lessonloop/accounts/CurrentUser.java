package org.lessonloop.accounts;

import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** The signed-in user of one request, with the session's CSRF token. */
@FeatureApi
public record CurrentUser(User user, String csrfToken, String sessionTokenHash) {
    public UUID id() {
        return user.id();
    }

    public UserRole role() {
        return user.role();
    }

    public boolean isAdmin() {
        return user.role() == UserRole.ADMIN;
    }
}
