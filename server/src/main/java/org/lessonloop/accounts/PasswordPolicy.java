package org.lessonloop.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.lessonloop.problems.ProblemException;

/**
 * What a new password must be (NIST SP 800-63B §5.1.1.2: length, and not a known-bad one): at least
 * {@link #MIN_LENGTH} characters, taken exactly as typed (never trimmed), not one of the common
 * passwords shipped in {@code accounts/common-passwords.txt} (with digits or symbols added to either
 * end or not), not a run of keys, and not a few characters repeated.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1000;
    private static final int MIN_DISTINCT = 5;
    private static final String[] RUNS = {
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "01234567890123456789", "qwertyuiopasdfghjklzxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qwertzuiopasdfghjklyxcvbnm", "azertyuiopqsdfghjklmwxcvbn"};

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    public static PasswordPolicy standard() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/accounts/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("accounts/common-passwords.txt is missing from the jar");
            }
            var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines();
            return new PasswordPolicy(lines.filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(String::strip).collect(Collectors.toUnmodifiableSet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a password that breaks the policy, saying which rule (and how to meet it) in {@code field}'s name. */
    public void check(String field, String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw ProblemException.invalid("'" + field + "' must be at least " + MIN_LENGTH + " characters; a few words make a good one.");
        }
        if (length > MAX_LENGTH) {
            throw ProblemException.invalid("'" + field + "' must be at most " + MAX_LENGTH + " characters.");
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT) {
            throw ProblemException.invalid("'" + field + "' repeats a few characters; use at least " + MIN_DISTINCT + " different ones.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isRunOfKeys(lower)) {
            throw ProblemException.invalid("'" + field + "' is a run of keys on the keyboard; choose something less guessable.");
        }
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (common.contains(lower) || common.contains(core) || common.contains(lower.replace(" ", ""))) {
            throw ProblemException.invalid("'" + field + "' is one of the most common passwords; choose something less guessable.");
        }
    }

    private static boolean isRunOfKeys(String lower) {
        for (String run : RUNS) {
            if (run.contains(lower) || new StringBuilder(run).reverse().toString().contains(lower)) {
                return true;
            }
        }
        return false;
    }
}
