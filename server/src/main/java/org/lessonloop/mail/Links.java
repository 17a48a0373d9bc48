package org.lessonloop.mail;

import java.net.URI;
import java.util.UUID;

/** Where a mail's links lead: pages of the app under the public URL, each of which needs signing in. */
record Links(URI base) {
    URI recording(UUID recordingId) {
        return base.resolve("/recordings/" + recordingId);
    }

    URI settings() {
        return base.resolve("/security");
    }
}
