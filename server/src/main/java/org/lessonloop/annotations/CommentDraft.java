package org.lessonloop.annotations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** What an author writes in a comment: when, what, tagged with what, mentioning whom, with which shapes drawn on the frame. */
@FeatureApi
public record CommentDraft(Optional<Long> startMs, Optional<Long> endMs, String body, List<UUID> tagIds, List<UUID> mentions,
                           List<Drawing> drawings) {
}
