package org.lessonloop.annotations;

import java.util.Optional;
import java.util.UUID;

/** The facts about a recording that annotating it needs: whose it is, in which organization, its title, how long. */
record Annotated(UUID recordingId, UUID ownerId, UUID organizationId, String title, Optional<Long> durationMs) {
}
