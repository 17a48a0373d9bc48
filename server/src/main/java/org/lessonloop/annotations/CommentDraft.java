package org.lessonloop.annotations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What an author writes in a comment: when, what, tagged with what, mentioning whom. */
public record CommentDraft(Optional<Long> startMs, Optional<Long> endMs, String body, List<UUID> tagIds, List<UUID> mentions) {
}
