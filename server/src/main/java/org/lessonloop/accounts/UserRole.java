package org.lessonloop.accounts;

import java.util.Locale;
import org.lessonloop.architecture.FeatureApi;

/** What a person does in the program. Being admin grants no access to anyone's recordings. */
@FeatureApi
public enum UserRole {
    TEACHER, COACH, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserRole fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
