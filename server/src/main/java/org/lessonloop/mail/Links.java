package org.lessonloop.mail;

import java.net.URI;
import java.util.UUID;

/** Where a mail's links lead: pages of the app under the public URL, each of which needs signing in. */
record Links(URI base) {
    URI recording(UUID recordingId) {
        return base.resolve("/recordings/" + recordingId);
    }

    /** The teacher's library, where retention's notice and its Keep buttons are. */
    URI library() {
        return base.resolve("/recordings");
    }

    /** A coach's home: the teachers she coaches and what they shared with her. */
    URI coachHome() {
        return base.resolve("/coach");
    }

    URI settings() {
        return base.resolve("/security");
    }
}
