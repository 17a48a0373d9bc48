package org.lessonloop.recordings;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

@FeatureApi
public record Recording(
        UUID id,
        UUID ownerId,
        String title,
        Optional<LocalDate> lessonDate,
        Optional<String> subject,
        Optional<String> grade,
        RecordingState state,
        Optional<String> statusReason,
        Optional<Source> source,
        Media media,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** What clients are told: {@link #state} with the processing steps as one. */
    public RecordingStatus status() {
        return state.status();
    }

    /** The uploaded original, stored under our own extension-less key (never the client's name). */
    public record Source(String key, String filename, long size, String sha256) {
    }

    /**
     * What the media pipeline found and how far it is: the probed facts once known, whether a
     * first rendition can already be played, and the current step with its percentage.
     */
    public record Media(
            Optional<Long> durationMs,
            Optional<Integer> width,
            Optional<Integer> height,
            Optional<Boolean> hasAudio,
            boolean playable,
            Optional<String> step,
            Optional<Integer> progress) {
    }

    /** Processed media (playlists, segments, poster, sprites, peaks) live under this prefix. */
    public static String mediaPrefix(UUID recordingId) {
        return storagePrefix(recordingId) + "media/";
    }

    /** Objects of this recording live under this prefix; deleting the recording deletes the prefix. */
    public static String storagePrefix(UUID recordingId) {
        return "recordings/" + recordingId + "/";
    }

    public static String sourceKey(UUID recordingId) {
        return storagePrefix(recordingId) + "source";
    }
}
