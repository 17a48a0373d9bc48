package org.lessonloop.annotations;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/**
 * A time-coded comment (a point, or a range when it has an end) or a reply in its thread (no times,
 * a parent). A deleted comment keeps its place in the thread without its body.
 */
@FeatureApi
public record Comment(
        UUID id,
        UUID recordingId,
        UUID authorId,
        String authorName,
        Optional<UUID> parentId,
        Optional<Long> startMs,
        Optional<Long> endMs,
        Optional<String> body,
        Visibility visibility,
        OffsetDateTime createdAt,
        Optional<OffsetDateTime> editedAt,
        boolean deleted,
        List<Label> labels,
        List<UUID> mentions,
        List<Drawing> drawings) {

    CommentDraft draft() {
        return new CommentDraft(startMs, endMs, body.orElse(""), labels.stream().map(Label::id).toList(), mentions, drawings);
    }
}
