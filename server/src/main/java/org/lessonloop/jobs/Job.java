package org.lessonloop.jobs;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/**
 * One claimed unit of background work, as a handler sees it. {@code attempt} counts from 1;
 * {@code recordingId} is set for work on a recording (the job then goes when the recording goes).
 */
@FeatureApi
public record Job(
        UUID id,
        String kind,
        Optional<UUID> recordingId,
        Optional<UUID> subjectId,
        JsonObject payload,
        int attempt,
        int maxAttempts) {

    public boolean isLastAttempt() {
        return attempt >= maxAttempts;
    }
}
