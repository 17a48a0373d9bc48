package org.lessonloop.media;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A clip's MP4 export: where it stands, which cut it is, and where the file lies once ready. */
@org.lessonloop.architecture.FeatureApi
public record ClipExport(
        UUID clipId,
        UUID recordingId,
        Status status,
        long startMs,
        long endMs,
        String objectKey,
        Optional<Long> size,
        Optional<String> reason) {

    public enum Status {
        QUEUED, RUNNING, READY, FAILED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    static String objectKey(UUID recordingId, UUID clipId) {
        return org.lessonloop.recordings.Recording.storagePrefix(recordingId) + "clips/" + clipId + ".mp4";
    }

    boolean isFor(long start, long end) {
        return startMs == start && endMs == end;
    }
}
