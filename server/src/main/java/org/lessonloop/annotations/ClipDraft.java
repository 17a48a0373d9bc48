package org.lessonloop.annotations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What an author gives a clip: a title, a note, a range, labels. */
public record ClipDraft(String title, Optional<String> note, long startMs, long endMs, List<UUID> tagIds) {
}
