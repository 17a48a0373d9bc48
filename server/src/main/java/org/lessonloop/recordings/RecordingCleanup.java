package org.lessonloop.recordings;

import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** Lets other features release what they hold for a recording (e.g. open multipart uploads) before it is deleted. */
@FeatureApi
@FunctionalInterface
public interface RecordingCleanup {
    void beforeDelete(UUID recordingId);
}
