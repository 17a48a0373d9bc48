package org.lessonloop.problems;

/**
 * A failure a client can act on. Use cases throw one of its kinds, named for what went wrong;
 * only {@code http/Problems} knows the HTTP status of each kind and renders it as RFC 9457
 * problem+json. The kinds are sealed, so a new one does not compile until it has its status.
 */
public abstract sealed class ProblemException extends RuntimeException {
    private final String title;

    private ProblemException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    // --- the domain's four: what is asked for is wrong, not the caller's, missing, or clashes with what is there

    public static final class Invalid extends ProblemException {
        public Invalid(String detail) {
            super("Invalid request", detail);
        }
    }

    public static final class Forbidden extends ProblemException {
        public Forbidden(String detail) {
            super("Not allowed", detail);
        }
    }

    /** Also used where telling "exists but not yours" apart would leak that it exists. */
    public static final class NotFound extends ProblemException {
        public NotFound(String detail) {
            super("Not found", detail);
        }
    }

    /** The request does not fit the current state of things (a lifecycle, another request that came first). */
    public static final class Conflict extends ProblemException {
        public Conflict(String detail) {
            this("Conflict", detail);
        }

        public Conflict(String title, String detail) {
            super(title, detail);
        }
    }

    // --- about the caller or the request as a whole

    public static final class SignInRequired extends ProblemException {
        public SignInRequired(String detail) {
            super("Sign-in required", detail);
        }
    }

    public static final class TooManyRequests extends ProblemException {
        public TooManyRequests(String detail) {
            super("Too many requests", detail);
        }
    }

    public static final class TooLarge extends ProblemException {
        public TooLarge(String detail) {
            super("Too large", detail);
        }
    }

    public static final class UnsupportedMediaType extends ProblemException {
        public UnsupportedMediaType(String detail) {
            super("Unsupported media type", detail);
        }
    }

    // --- what the protocols we speak (tus 1.0, HTTP ranges) define for themselves

    /** Was here and is no more (an expired upload: tus expiration). */
    public static final class Gone extends ProblemException {
        public Gone(String title, String detail) {
            super(title, detail);
        }
    }

    /** Another request holds it right now; the client retries (tus clients do so on their own). */
    public static final class Busy extends ProblemException {
        public Busy(String title, String detail) {
            super(title, detail);
        }
    }

    /** The body does not match its Upload-Checksum (tus checksum extension): nothing of it was kept. */
    /** A service we depend on, outside this server (the school's sign-in provider), failed or did not answer. */
    public static final class Upstream extends ProblemException {
        public Upstream(String title, String detail) {
            super(title, detail);
        }
    }

    public static final class ChecksumMismatch extends ProblemException {
        public ChecksumMismatch(String detail) {
            super("Checksum mismatch", detail);
        }
    }

    /** A precondition the protocol sets is not met (the tus version header). */
    public static final class PreconditionFailed extends ProblemException {
        public PreconditionFailed(String title, String detail) {
            super(title, detail);
        }
    }

    public static final class RangeNotSatisfiable extends ProblemException {
        public RangeNotSatisfiable(String detail) {
            super("Range not satisfiable", detail);
        }
    }

    public static Invalid invalid(String detail) {
        return new Invalid(detail);
    }

    public static SignInRequired unauthorized(String detail) {
        return new SignInRequired(detail);
    }

    public static Forbidden forbidden(String detail) {
        return new Forbidden(detail);
    }

    public static NotFound notFound(String detail) {
        return new NotFound(detail);
    }

    public static Conflict conflict(String detail) {
        return new Conflict(detail);
    }

    public static TooLarge tooLarge(String detail) {
        return new TooLarge(detail);
    }

    public static UnsupportedMediaType unsupportedMediaType(String detail) {
        return new UnsupportedMediaType(detail);
    }

    public static TooManyRequests tooManyRequests(String detail) {
        return new TooManyRequests(detail);
    }
}
