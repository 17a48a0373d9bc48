package org.lessonloop.recordings;

import static org.lessonloop.recordings.RecordingState.AWAITING_UPLOAD;
import static org.lessonloop.recordings.RecordingState.PROBE_FAILED;
import static org.lessonloop.recordings.RecordingState.PROBING;
import static org.lessonloop.recordings.RecordingState.PUBLISHING;
import static org.lessonloop.recordings.RecordingState.PUBLISH_FAILED;
import static org.lessonloop.recordings.RecordingState.READY;
import static org.lessonloop.recordings.RecordingState.TRANSCODE_FAILED;
import static org.lessonloop.recordings.RecordingState.TRANSCODING;
import static org.lessonloop.recordings.RecordingState.UPLOADED;
import static org.lessonloop.recordings.RecordingState.UPLOADING;
import static org.lessonloop.recordings.RecordingState.UPLOAD_FAILED;

import java.util.Optional;
import org.lessonloop.recordings.LifecycleEvent.Failed;
import org.lessonloop.recordings.LifecycleEvent.ProcessingStarted;
import org.lessonloop.recordings.LifecycleEvent.Probed;
import org.lessonloop.recordings.LifecycleEvent.Published;
import org.lessonloop.recordings.LifecycleEvent.RetryRequested;
import org.lessonloop.recordings.LifecycleEvent.Transcoded;
import org.lessonloop.recordings.LifecycleEvent.UploadAbandoned;
import org.lessonloop.recordings.LifecycleEvent.UploadCompleted;
import org.lessonloop.recordings.LifecycleEvent.UploadStarted;

/**
 * A recording's lifecycle: the one function that decides which state an event leads to. The
 * repository only stores its decisions, and only if the recording is still in the state decided
 * from (so of two concurrent moves, one is refused).
 * <pre>
 * awaiting_upload ⇄ uploading → uploaded → probing → transcoding → publishing → ready
 *                       ↓                     ↓           ↓             ↓
 *                 upload_failed          probe_failed  transcode_failed  publish_failed
 * </pre>
 */
final class Lifecycle {
    private Lifecycle() {
    }

    /** The state {@code event} leads to from {@code from}, or empty when it cannot happen there. */
    static Optional<RecordingState> next(RecordingState from, LifecycleEvent event) {
        return Optional.ofNullable(switch (event) {
            // Starting over replaces an idle upload, so uploading → uploading; a failed upload is tried again.
            case UploadStarted e -> in(from, AWAITING_UPLOAD, UPLOADING, UPLOAD_FAILED) ? UPLOADING : null;
            case UploadAbandoned e -> in(from, UPLOADING) ? AWAITING_UPLOAD : null;
            case UploadCompleted e -> in(from, UPLOADING) ? UPLOADED : null;
            // A new attempt after a crash finds the recording in whichever step the last one reached;
            // an operator may put a dead job back, or run one again on a ready recording.
            case ProcessingStarted e -> in(from, UPLOADED, PROBING, TRANSCODING, PUBLISHING,
                    PROBE_FAILED, TRANSCODE_FAILED, PUBLISH_FAILED, READY) ? PROBING : null;
            // Without a source there is nothing to process: a failed upload is retried by uploading again.
            case RetryRequested e -> in(from, PROBE_FAILED, TRANSCODE_FAILED, PUBLISH_FAILED) ? PROBING : null;
            case Probed e -> in(from, PROBING) ? TRANSCODING : null;
            case Transcoded e -> in(from, TRANSCODING) ? PUBLISHING : null;
            case Published e -> in(from, PUBLISHING) ? READY : null;
            // The step under way is the one that failed.
            case Failed e -> switch (from) {
                case UPLOADING -> UPLOAD_FAILED;
                // A job that died before its first attempt got going failed before the probe was done.
                case UPLOADED, PROBING -> PROBE_FAILED;
                case TRANSCODING -> TRANSCODE_FAILED;
                case PUBLISHING -> PUBLISH_FAILED;
                default -> null;
            };
        });
    }

    /** Why {@code event} cannot happen in {@code from}, for the person who asked. */
    static String refusal(RecordingState from, LifecycleEvent event) {
        String status = from.failedStep().map(step -> "failed (during " + step.code() + ")").orElse(from.status().code());
        return switch (event) {
            case UploadStarted e -> "This recording already has its video (status " + status + ").";
            case RetryRequested e -> from == UPLOAD_FAILED
                    ? "The upload did not finish, so there is nothing to process: upload the file again."
                    : "The recording is " + status + "; only a recording whose processing failed can be processed again.";
            case UploadCompleted e -> "The recording is no longer waiting for this upload (status " + status + ").";
            default -> "The recording is " + status + " and cannot move on from there (" + event.getClass().getSimpleName() + ").";
        };
    }

    private static boolean in(RecordingState state, RecordingState... states) {
        for (RecordingState candidate : states) {
            if (state == candidate) {
                return true;
            }
        }
        return false;
    }
}
