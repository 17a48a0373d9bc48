package org.lessonloop.debriefs;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/** One thing a room plays: a whole recording, or a clip of one (its range). */
record Item(int index, UUID recordingId, Optional<UUID> clipId, String title, long startMs, Optional<Long> endMs) {
    /** A position kept inside the item. */
    long clamp(long positionMs) {
        long within = Math.max(startMs, positionMs);
        return endMs.map(end -> Math.min(end, within)).orElse(within);
    }

    JsonObject json() {
        return new JsonObject()
                .put("index", index)
                .put("recordingId", recordingId.toString())
                .put("clipId", clipId.map(UUID::toString).orElse(null))
                .put("title", title)
                .put("startMs", startMs)
                .put("endMs", endMs.orElse(null));
    }
}
