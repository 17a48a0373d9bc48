package org.lessonloop.recordings;

import java.util.Locale;
import java.util.Optional;
import org.lessonloop.architecture.FeatureApi;

/**
 * Where a recording is in its lifecycle, as stored in {@code recordings.status}. Processing is
 * three states, one per step, and every step has its own failed state: a failure then records the
 * step it happened in, and the teacher reads "failed during transcode" rather than just "failed".
 * Which state follows which is decided by {@link Lifecycle} alone.
 */
@FeatureApi
public enum RecordingState {
    AWAITING_UPLOAD(RecordingStatus.AWAITING_UPLOAD, null),
    UPLOADING(RecordingStatus.UPLOADING, null),
    UPLOADED(RecordingStatus.UPLOADED, null),
    PROBING(RecordingStatus.PROCESSING, null),
    TRANSCODING(RecordingStatus.PROCESSING, null),
    PUBLISHING(RecordingStatus.PROCESSING, null),
    READY(RecordingStatus.READY, null),
    UPLOAD_FAILED(RecordingStatus.FAILED, Step.UPLOAD),
    PROBE_FAILED(RecordingStatus.FAILED, Step.PROBE),
    TRANSCODE_FAILED(RecordingStatus.FAILED, Step.TRANSCODE),
    PUBLISH_FAILED(RecordingStatus.FAILED, Step.PUBLISH);

    /** The steps that can fail: receiving the file, then the media pipeline's three. */
    public enum Step {
        UPLOAD, PROBE, TRANSCODE, PUBLISH;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final RecordingStatus status;
    private final Step failedStep;

    RecordingState(RecordingStatus status, Step failedStep) {
        this.status = status;
        this.failedStep = failedStep;
    }

    /** The stored form, in {@code recordings.status}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordingState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** What clients see. */
    public RecordingStatus status() {
        return status;
    }

    /** The step that failed, for a failed state. */
    public Optional<Step> failedStep() {
        return Optional.ofNullable(failedStep);
    }
}
