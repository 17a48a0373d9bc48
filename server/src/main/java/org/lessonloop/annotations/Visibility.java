package org.lessonloop.annotations;

import java.util.Locale;
import org.lessonloop.architecture.FeatureApi;

/** Shared comments are seen by everyone who may view the recording; private notes by their author alone. */
@FeatureApi
public enum Visibility {
    SHARED, PRIVATE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Visibility fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
