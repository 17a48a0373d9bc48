package org.lessonloop.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lessonloop.problems.ProblemException;

/** The Upload-Metadata header: comma-separated "key base64value" pairs (tus 1.0.0, creation extension). */
record TusMetadata(Map<String, String> values, String raw) {
    static final int MAX_HEADER_LENGTH = 4000;

    static TusMetadata parse(String header) {
        if (header == null || header.isBlank()) {
            return new TusMetadata(Map.of(), "");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw ProblemException.invalid("Upload-Metadata is longer than " + MAX_HEADER_LENGTH + " characters.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : header.split(",")) {
            String[] parts = pair.strip().split(" ", -1);
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw ProblemException.invalid("Upload-Metadata must be comma-separated 'key base64value' pairs.");
            }
            try {
                String value = parts.length == 2 ? new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8) : "";
                if (values.put(parts[0], value) != null) {
                    throw ProblemException.invalid("Upload-Metadata names '" + parts[0] + "' twice.");
                }
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("Upload-Metadata value for '" + parts[0] + "' is not valid base64.");
            }
        }
        return new TusMetadata(values, header);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /**
     * The client's file name, kept only as a label: path parts and control characters are removed,
     * and it never becomes a storage key.
     */
    String displayFilename() {
        String name = get("filename").orElse("recording");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "recording";
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
