package org.lessonloop.recordings;

import java.util.Locale;
import org.lessonloop.architecture.FeatureApi;

/**
 * What clients are told about a recording's progress (the API's {@code status}): the lifecycle's
 * {@link RecordingState} with its three processing steps shown as one, and its failures as one,
 * whose step the API names beside it.
 */
@FeatureApi
public enum RecordingStatus {
    AWAITING_UPLOAD, UPLOADING, UPLOADED, PROCESSING, READY, FAILED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
