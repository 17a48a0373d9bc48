package org.lessonloop.config;

import java.util.List;

/** Start-up fails with this when the environment holds an unknown or malformed LESSONLOOP_* value. */
public final class ConfigException extends RuntimeException {
    public ConfigException(List<String> problems) {
        super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
}
