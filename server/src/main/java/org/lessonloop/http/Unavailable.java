package org.lessonloop.http;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.lessonloop.storage.StorageException;

/**
 * A request failed because the database or object storage did not answer: the client's data is
 * safe and the same request will work once they are back, so it is a 503 with Retry-After, not a 500.
 */
record Unavailable(String what, String title, String detail) {
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Unavailable DATABASE = new Unavailable("the database", "Database unavailable",
            "The server cannot reach its database right now; nothing was lost. Please try again in a few seconds.");
    private static final Unavailable STORAGE = new Unavailable("object storage", "Storage unavailable",
            "The server cannot reach its media storage right now; nothing was lost. Please try again in a few seconds.");

    static Optional<Unavailable> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageException) {
                return Optional.of(STORAGE);
            }
            if (cause instanceof SQLTransientException || cause instanceof SQLException sql && lostConnection(sql)) {
                return Optional.of(DATABASE);
            }
        }
        return Optional.empty();
    }

    /** SQLSTATE class 08 (connection exception) and 57P (the server shutting down or restarting). */
    private static boolean lostConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
