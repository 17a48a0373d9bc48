package org.lessonloop.jobs;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** A job to enqueue: its kind, what it works on, its parameters and how often it may be tried. */
@FeatureApi
public record JobRequest(
        String kind,
        Optional<UUID> recordingId,
        Optional<UUID> subjectId,
        JsonObject payload,
        int maxAttempts) {

    public JobRequest {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static JobRequest forRecording(String kind, UUID recordingId, int maxAttempts) {
        return new JobRequest(kind, Optional.of(recordingId), Optional.empty(), new JsonObject(), maxAttempts);
    }
}
