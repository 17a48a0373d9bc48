package org.lessonloop.jobs;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** A job as operators and owners see it: its state and history, never its payload. */
@FeatureApi
public record JobView(
        UUID id,
        String kind,
        Optional<UUID> recordingId,
        JobState state,
        int attempts,
        int maxAttempts,
        Optional<String> lastError,
        Instant runAfter,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> finishedAt) {
}
