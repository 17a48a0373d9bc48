package org.lessonloop.annotations;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** A named range of a recording, with a note and labels; seen by everyone who may view the recording. */
@FeatureApi
public record Clip(
        UUID id,
        UUID recordingId,
        UUID authorId,
        String authorName,
        String title,
        Optional<String> note,
        long startMs,
        long endMs,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        List<Label> labels) {

    ClipDraft draft() {
        return new ClipDraft(title, note, startMs, endMs, labels.stream().map(Label::id).toList());
    }
}
