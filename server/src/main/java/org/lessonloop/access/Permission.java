package org.lessonloop.access;

/** What a caller wants to do with a recording. MANAGE (edit, delete, share, upload) is the owner's alone. */
public enum Permission {
    VIEW, COMMENT, MANAGE
}
