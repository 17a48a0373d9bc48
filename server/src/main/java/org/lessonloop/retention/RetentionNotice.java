package org.lessonloop.retention;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One of a teacher's recordings that retention will delete at {@code deleteAt} unless something happens to it. */
record RetentionNotice(UUID recordingId, UUID ownerId, String title, OffsetDateTime lastActivityAt, OffsetDateTime deleteAt) {
}
