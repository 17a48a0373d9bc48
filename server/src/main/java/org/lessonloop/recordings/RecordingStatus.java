package org.lessonloop.recordings;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A recording's lifecycle. {@link #canMoveTo} is the one place that decides which step may
 * follow which; the media pipeline adds processing → ready | failed.
 */
public enum RecordingStatus {
    AWAITING_UPLOAD, UPLOADING, UPLOADED, PROCESSING, READY, FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordingStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean canMoveTo(RecordingStatus next) {
        return allowedNext().contains(next);
    }

    private Set<RecordingStatus> allowedNext() {
        return switch (this) {
            // An abandoned or terminated upload returns the recording to awaiting_upload.
            case AWAITING_UPLOAD -> EnumSet.of(UPLOADING);
            case UPLOADING -> EnumSet.of(UPLOADED, AWAITING_UPLOAD);
            case UPLOADED -> EnumSet.of(PROCESSING, FAILED);
            case PROCESSING -> EnumSet.of(READY, FAILED);
            case READY -> EnumSet.of(PROCESSING);
            case FAILED -> EnumSet.of(PROCESSING);
        };
    }
}
