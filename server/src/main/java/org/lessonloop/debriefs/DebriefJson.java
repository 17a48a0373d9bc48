package org.lessonloop.debriefs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The JSON of rooms (openapi.yaml, Debrief). */
final class DebriefJson {
    private DebriefJson() {
    }

    static JsonObject debrief(Debrief d) {
        return new JsonObject()
                .put("id", d.id().toString())
                .put("title", d.title())
                .put("teacherId", d.teacherId().toString())
                .put("recordingId", d.recordingId().map(UUID::toString).orElse(null))
                .put("playlistId", d.playlistId().map(UUID::toString).orElse(null))
                .put("items", new JsonArray(d.items().stream().map(Item::json).toList()))
                .put("scheduledAt", d.scheduledAt().map(OffsetDateTime::toString).orElse(null))
                .put("startedAt", d.startedAt().map(OffsetDateTime::toString).orElse(null))
                .put("endedAt", d.endedAt().map(OffsetDateTime::toString).orElse(null))
                .put("createdBy", new JsonObject().put("id", d.createdBy().toString()).put("displayName", d.createdByName()))
                .put("presenterMode", d.presenterMode())
                .put("presenter", d.presenterId().map(UUID::toString).orElse(null))
                .put("state", d.state().json())
                .put("summary", d.summaryJson().map(JsonObject::new).orElse(null));
    }
}
