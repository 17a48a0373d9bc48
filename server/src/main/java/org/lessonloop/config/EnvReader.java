package org.lessonloop.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values from an environment map, collecting every problem so that one failed start
 * names all the variables to fix. Remembers which variables it was asked about, so a misspelt
 * LESSONLOOP_* variable is reported instead of being silently ignored.
 */
final class EnvReader {
    static final String PREFIX = "LESSONLOOP_";

    private final Map<String, String> env;
    private final Set<String> known = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    Optional<String> optional(String name) {
        known.add(name);
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    int integer(String name, int fallback, int min, int max) {
        return parse(name, fallback, text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        }, "a whole number");
    }

    long bytes(String name, long fallback, long min) {
        return parse(name, fallback, text -> {
            long value = ByteSize.parse(text);
            if (value < min) {
                throw new IllegalArgumentException("must be at least " + ByteSize.format(min));
            }
            return value;
        }, "a size such as 8GiB, 500MB or 1048576");
    }

    Duration hours(String name, Duration fallback) {
        return wholeUnits(name, fallback, ChronoUnit.HOURS, 1, Long.MAX_VALUE);
    }

    Duration seconds(String name, Duration fallback, long min, long max) {
        return wholeUnits(name, fallback, ChronoUnit.SECONDS, min, max);
    }

    boolean bool(String name, boolean fallback) {
        return parse(name, fallback, text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        }, "true or false");
    }

    Path path(String name, String fallback) {
        return parse(name, Path.of(fallback), Path::of, "a file system path");
    }

    URI httpUri(String name, String example) {
        return optional(name).map(text -> {
            try {
                URI uri = URI.create(text);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            } catch (IllegalArgumentException e) {
                problems.add(name + "='" + text + "' must be an http(s) URL such as " + example);
                return null;
            }
        }).orElse(null);
    }

    <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
        String choices = "one of " + String.join(", ", names(type));
        return parse(name, fallback, text -> {
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be " + choices);
            }
        }, choices);
    }

    void problem(String message) {
        problems.add(message);
    }

    /** Throws with every problem found, including LESSONLOOP_* variables nobody asked about. */
    void finish() {
        env.keySet().stream()
                .filter(name -> name.startsWith(PREFIX) && !known.contains(name))
                .sorted()
                .forEach(name -> problems.add(name + " is not a Lessonloop setting (misspelt?)"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private Duration wholeUnits(String name, Duration fallback, ChronoUnit unit, long min, long max) {
        String units = unit.name().toLowerCase(Locale.ROOT);
        return parse(name, fallback, text -> {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(max == Long.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and " + max);
            }
            try {
                return Duration.of(value, unit);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("is too long");
            }
        }, "a whole number of " + units);
    }

    private <T> T parse(String name, T fallback, Function<String, T> parser, String expected) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(text.get());
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() != null && !(e instanceof NumberFormatException) ? e.getMessage() : "must be " + expected;
            problems.add(name + "='" + text.get() + "' " + why);
            return fallback;
        }
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    }
}
