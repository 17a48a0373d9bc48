package org.lessonloop.annotations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** The JSON of comments, clips and labels: one shape for responses, exports and live events. */
@FeatureApi
public final class AnnotationJson {
    private AnnotationJson() {
    }

    public static JsonObject comment(Comment c) {
        return new JsonObject()
                .put("id", c.id().toString())
                .put("recordingId", c.recordingId().toString())
                .put("parentId", c.parentId().map(UUID::toString).orElse(null))
                .put("author", new JsonObject().put("id", c.authorId().toString()).put("displayName", c.authorName()))
                .put("kind", c.parentId().isPresent() ? "reply" : c.endMs().isPresent() ? "range" : "point")
                .put("startMs", c.startMs().orElse(null))
                .put("endMs", c.endMs().orElse(null))
                .put("body", c.body().orElse(null))
                .put("visibility", c.visibility().code())
                .put("tags", labels(c.labels()))
                .put("mentions", new JsonArray(c.mentions().stream().map(UUID::toString).toList()))
                .put("createdAt", c.createdAt().toString())
                .put("edited", c.editedAt().isPresent())
                .put("editedAt", c.editedAt().map(OffsetDateTime::toString).orElse(null))
                .put("deleted", c.deleted())
                .put("drawings", Drawing.json(c.drawings()));
    }

    public static JsonObject clip(Clip c) {
        return new JsonObject()
                .put("id", c.id().toString())
                .put("recordingId", c.recordingId().toString())
                .put("author", new JsonObject().put("id", c.authorId().toString()).put("displayName", c.authorName()))
                .put("title", c.title())
                .put("note", c.note().orElse(null))
                .put("startMs", c.startMs())
                .put("endMs", c.endMs())
                .put("tags", labels(c.labels()))
                .put("createdAt", c.createdAt().toString())
                .put("updatedAt", c.updatedAt().toString());
    }

    static JsonArray labels(List<Label> labels) {
        return new JsonArray(labels.stream().map(l -> new JsonObject()
                .put("id", l.id().toString())
                .put("kind", l.kind().code())
                .put("name", l.name())
                .put("color", l.color())).toList());
    }
}
