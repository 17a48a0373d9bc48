package org.lessonloop.debriefs;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A review room: what it plays, who made it and for which teacher, when, and where playback is. */
record Debrief(UUID id, String title, UUID createdBy, String createdByName, UUID teacherId, Optional<UUID> recordingId,
               Optional<UUID> playlistId, List<Item> items, Optional<OffsetDateTime> scheduledAt, Optional<OffsetDateTime> startedAt,
               Optional<OffsetDateTime> endedAt, boolean presenterMode, Optional<UUID> presenterId, RoomState state,
               Optional<String> summaryJson) {

    Set<UUID> recordingIds() {
        return items.stream().map(Item::recordingId).collect(Collectors.toUnmodifiableSet());
    }

    boolean ended() {
        return endedAt.isPresent();
    }

    /** In presenter mode with a presenter named, only they drive. */
    boolean mayDrive(UUID userId) {
        return !presenterMode || presenterId.isEmpty() || presenterId.get().equals(userId);
    }
}
