package org.lessonloop.annotations;

import java.util.UUID;

/** What a comment or clip is tagged with: a framework tag (with its colour) or one of the teacher's goals. */
public record Label(UUID id, Kind kind, String name, String color) {
    public enum Kind {
        TAG, GOAL;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
