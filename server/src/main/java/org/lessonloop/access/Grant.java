package org.lessonloop.access;

import java.util.Locale;

/** What a share gives: watching, or watching and commenting. */
public enum Grant {
    VIEW, COMMENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
