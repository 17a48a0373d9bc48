package org.lessonloop.annotations;

import java.util.Optional;
import java.util.UUID;

/** Narrows a timeline to one tag or goal, one author, one kind; threads are kept or dropped whole. */
public record TimelineFilter(Optional<UUID> tagId, Optional<UUID> authorId, Optional<Kind> kind) {
    public static final TimelineFilter NONE = new TimelineFilter(Optional.empty(), Optional.empty(), Optional.empty());

    /** Shared comments, private notes, clips. */
    public enum Kind {
        COMMENT, NOTE, CLIP
    }

    boolean keeps(Comment c) {
        Kind commentKind = c.visibility() == Visibility.SHARED ? Kind.COMMENT : Kind.NOTE;
        return kind.map(k -> k == commentKind).orElse(true) && keeps(c.authorId(), c.labels().stream().map(Label::id).toList());
    }

    boolean keeps(Clip c) {
        return kind.map(k -> k == Kind.CLIP).orElse(true) && keeps(c.authorId(), c.labels().stream().map(Label::id).toList());
    }

    private boolean keeps(UUID author, java.util.List<UUID> labelIds) {
        return authorId.map(author::equals).orElse(true) && tagId.map(labelIds::contains).orElse(true);
    }
}
