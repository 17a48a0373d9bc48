package org.lessonloop.storage;

/** An object-storage call failed; the cause is the SDK's exception. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
