package org.lessonloop.access;

import java.util.Locale;
import org.lessonloop.architecture.FeatureApi;

/** How much one user may do with one recording, strongest last. */
@FeatureApi
public enum Access {
    NONE, VIEW, COMMENT, OWNER;

    public boolean allows(Permission permission) {
        return switch (permission) {
            case VIEW -> this != NONE;
            case COMMENT -> this == COMMENT || this == OWNER;
            case MANAGE -> this == OWNER;
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stronger of a direct share and a standing pair share ("view"/"comment"/null). */
    static Access granted(String sharePermission, String standingPermission) {
        Access share = fromGrant(sharePermission);
        Access standing = fromGrant(standingPermission);
        return share.compareTo(standing) >= 0 ? share : standing;
    }

    static Access fromGrant(String grant) {
        if (grant == null) {
            return NONE;
        }
        return "comment".equals(grant) ? COMMENT : VIEW;
    }
}
