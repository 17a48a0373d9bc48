package org.lessonloop.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lessonloop.problems.ProblemException;

/** tus checksum extension: "Upload-Checksum: sha1 <base64 digest>" covering one request's body. */
record ChecksumHeader(String algorithm, byte[] expected) {
    static final Map<String, String> ALGORITHMS = Map.of("sha1", "SHA-1", "sha256", "SHA-256", "md5", "MD5");

    static Optional<ChecksumHeader> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String[] parts = header.strip().split(" ");
        if (parts.length != 2) {
            throw ProblemException.invalid("Upload-Checksum must be '<algorithm> <base64 digest>'.");
        }
        String algorithm = parts[0].toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.containsKey(algorithm)) {
            throw ProblemException.invalid("Upload-Checksum algorithm '" + parts[0] + "' is not supported; use sha1, sha256 or md5.");
        }
        try {
            return Optional.of(new ChecksumHeader(algorithm, Base64.getDecoder().decode(parts[1])));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("Upload-Checksum digest is not valid base64.");
        }
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean matches(MessageDigest digest) {
        return MessageDigest.isEqual(expected, digest.digest());
    }
}
