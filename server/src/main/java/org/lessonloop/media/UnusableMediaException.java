package org.lessonloop.media;

/** The upload cannot become a playable recording; the message says why in a teacher's words. */
public final class UnusableMediaException extends RuntimeException {
    public UnusableMediaException(String message) {
        super(message);
    }
}
