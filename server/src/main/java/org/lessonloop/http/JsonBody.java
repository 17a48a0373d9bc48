package org.lessonloop.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lessonloop.problems.ProblemException;

/**
 * Strict reading of a JSON request body: wrong content type, malformed JSON, a field named twice,
 * unknown fields, missing fields and wrong types each fail early with a message naming the field.
 */
public final class JsonBody {
    /** Finds a repeated field, which a lenient parser would settle silently (the last one wins) and another reader differently. */
    private static final JsonFactory STRICT = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    public static JsonBody read(RoutingContext ctx, String... allowedFields) {
        if (!isJson(ctx.request().getHeader("Content-Type"))) {
            throw ProblemException.unsupportedMediaType("Send the body as application/json.");
        }
        refuseRepeatedFields(ctx);
        JsonObject json;
        try {
            json = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw ProblemException.invalid("The body is not a valid JSON object.");
        }
        if (json == null) {
            throw ProblemException.invalid("The body is empty; a JSON object is expected.");
        }
        Set<String> unknown = new TreeSet<>(json.fieldNames());
        unknown.removeAll(Arrays.asList(allowedFields));
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("Unknown field(s): " + String.join(", ", unknown)
                    + ". Allowed: " + String.join(", ", allowedFields) + ".");
        }
        return new JsonBody(json);
    }

    /** {@code application/json}, with at most a UTF-8 charset (RFC 8259 §8.1): not application/json-seq, not …+json. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (!parameter.isEmpty() && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static void refuseRepeatedFields(RoutingContext ctx) {
        if (ctx.body().buffer() == null) {
            return;
        }
        try (JsonParser parser = STRICT.createParser(ctx.body().buffer().getBytes())) {
            while (parser.nextToken() != null) {
                // reading to the end is the check
            }
        } catch (StreamReadException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw ProblemException.invalid("The body names a field twice (" + message.substring(message.indexOf('\'')) + ").");
            }
            // Malformed JSON is reported below, as it always was.
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The field's raw JSON value (null when absent), for a structure a feature validates itself. */
    public Object value(String field) {
        return json.getValue(field);
    }

    public boolean has(String field) {
        return json.containsKey(field);
    }

    public String requiredString(String field, int maxLength) {
        return optionalString(field, maxLength)
                .orElseThrow(() -> ProblemException.invalid("'" + field + "' is required."));
    }

    /** A password or token: taken exactly as sent (never trimmed: a space is part of a password). */
    public String requiredSecret(String field, int maxLength) {
        Object value = json.getValue(field);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw ProblemException.invalid("'" + field + "' is required" + (value == null ? "." : " as a string."));
        }
        if (text.length() > maxLength) {
            throw ProblemException.invalid("'" + field + "' is longer than " + maxLength + " characters.");
        }
        return text;
    }

    /** Absent, null and blank all read as empty; surrounding white space is trimmed. */
    public Optional<String> optionalString(String field, int maxLength) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ProblemException.invalid("'" + field + "' must be a string.");
        }
        String trimmed = text.strip();
        if (trimmed.length() > maxLength) {
            throw ProblemException.invalid("'" + field + "' is longer than " + maxLength + " characters.");
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ProblemException.invalid("'" + field + "' contains control characters.");
        }
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    public Optional<LocalDate> optionalDate(String field) {
        return optionalString(field, 10).map(text -> {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("'" + field + "' must be a date as YYYY-MM-DD.");
            }
        });
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(() -> ProblemException.invalid("'" + field + "' is required."));
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return optionalString(field, 40).map(text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw ProblemException.invalid("'" + field + "' must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ".");
        });
    }

    public java.util.UUID requiredId(String field) {
        return Ids.parse(requiredString(field, 36), field);
    }

    public Optional<java.util.UUID> optionalId(String field) {
        return optionalString(field, 36).map(text -> Ids.parse(text, field));
    }

    /** A whole number from 0 up; absent and null read as empty. */
    public Optional<Long> optionalCount(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw ProblemException.invalid("'" + field + "' must be a whole number.");
        }
        long number = ((Number) value).longValue();
        if (number < 0) {
            throw ProblemException.invalid("'" + field + "' must not be negative.");
        }
        return Optional.of(number);
    }

    public long requiredCount(String field) {
        return optionalCount(field).orElseThrow(() -> ProblemException.invalid("'" + field + "' is required."));
    }

    public java.math.BigDecimal requiredNumber(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            throw ProblemException.invalid("'" + field + "' is required.");
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw ProblemException.invalid("'" + field + "' must be a number.");
        }
        return new java.math.BigDecimal(number.toString());
    }

    /** A list of distinct ids, at most {@code max}; absent and null read as empty. */
    public java.util.List<java.util.UUID> idList(String field, int max) {
        Object value = json.getValue(field);
        if (value == null) {
            return java.util.List.of();
        }
        if (!(value instanceof io.vertx.core.json.JsonArray array)) {
            throw ProblemException.invalid("'" + field + "' must be a list of ids.");
        }
        if (array.size() > max) {
            throw ProblemException.invalid("'" + field + "' holds more than " + max + " ids.");
        }
        java.util.LinkedHashSet<java.util.UUID> ids = new java.util.LinkedHashSet<>();
        for (Object item : array) {
            if (!(item instanceof String text)) {
                throw ProblemException.invalid("'" + field + "' must be a list of ids.");
            }
            if (!ids.add(Ids.parse(text, field))) {
                throw ProblemException.invalid("'" + field + "' names " + text + " twice.");
            }
        }
        return java.util.List.copyOf(ids);
    }
}
