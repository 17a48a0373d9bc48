package org.lessonloop.access;

import org.lessonloop.architecture.FeatureApi;

/** What a caller wants to do with a recording. MANAGE (edit, delete, share, upload) is the owner's alone. */
@FeatureApi
public enum Permission {
    VIEW, COMMENT, MANAGE
}
