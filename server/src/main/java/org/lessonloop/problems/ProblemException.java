package org.lessonloop.problems;

/**
 * A failure a client can act on, rendered as RFC 9457 problem+json by the HTTP failure handler.
 * Use cases throw these; only the HTTP edge turns them into responses.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(400, "Invalid request", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Sign-in required", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Not allowed", detail);
    }

    /** Also used where telling "exists but not yours" apart would leak that it exists. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Too large", detail);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "Unsupported media type", detail);
    }

    public static ProblemException tooManyRequests(String detail) {
        return new ProblemException(429, "Too many requests", detail);
    }
}
