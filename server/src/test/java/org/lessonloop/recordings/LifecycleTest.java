package org.lessonloop.recordings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (state, event) pair of the lifecycle: the allowed ones, written out here as the expected
 * table, lead to their state; every other pair is refused.
 */
class LifecycleTest {
    private static final LifecycleEvent UPLOAD_STARTED = new LifecycleEvent.UploadStarted();
    private static final LifecycleEvent UPLOAD_ABANDONED = new LifecycleEvent.UploadAbandoned();
    private static final LifecycleEvent UPLOAD_COMPLETED = new LifecycleEvent.UploadCompleted(
            new Recording.Source("recordings/x/source", "lesson.mp4", 1234, "ab".repeat(32)));
    private static final LifecycleEvent PROCESSING_STARTED = new LifecycleEvent.ProcessingStarted();
    private static final LifecycleEvent RETRY_REQUESTED = new LifecycleEvent.RetryRequested();
    private static final LifecycleEvent PROBED = new LifecycleEvent.Probed(60_000, 1280, 720, true);
    private static final LifecycleEvent TRANSCODED = new LifecycleEvent.Transcoded();
    private static final LifecycleEvent PUBLISHED = new LifecycleEvent.Published();
    private static final LifecycleEvent FAILED = new LifecycleEvent.Failed("ffmpeg exited with status 1");

    private static final List<LifecycleEvent> EVENTS = List.of(UPLOAD_STARTED, UPLOAD_ABANDONED, UPLOAD_COMPLETED,
            PROCESSING_STARTED, RETRY_REQUESTED, PROBED, TRANSCODED, PUBLISHED, FAILED);

    /** (from, event) → to, for every transition the lifecycle allows. */
    private static final Map<Transition, RecordingState> ALLOWED = new LinkedHashMap<>();

    static {
        allow(UPLOAD_STARTED, UPLOADING, AWAITING_UPLOAD, UPLOADING, UPLOAD_FAILED);
        allow(UPLOAD_ABANDONED, AWAITING_UPLOAD, UPLOADING);
        allow(UPLOAD_COMPLETED, UPLOADED, UPLOADING);
        allow(PROCESSING_STARTED, PROBING, UPLOADED, PROBING, TRANSCODING, PUBLISHING,
                PROBE_FAILED, TRANSCODE_FAILED, PUBLISH_FAILED, READY);
        allow(RETRY_REQUESTED, PROBING, PROBE_FAILED, TRANSCODE_FAILED, PUBLISH_FAILED);
        allow(PROBED, TRANSCODING, PROBING);
        allow(TRANSCODED, PUBLISHING, TRANSCODING);
        allow(PUBLISHED, READY, PUBLISHING);
        allow(FAILED, UPLOAD_FAILED, UPLOADING);
        allow(FAILED, PROBE_FAILED, UPLOADED, PROBING);
        allow(FAILED, TRANSCODE_FAILED, TRANSCODING);
        allow(FAILED, PUBLISH_FAILED, PUBLISHING);
    }

    record Transition(RecordingState from, LifecycleEvent event) {
        @Override
        public String toString() {
            return from.code() + " + " + event.getClass().getSimpleName();
        }
    }

    private static void allow(LifecycleEvent event, RecordingState to, RecordingState... from) {
        Arrays.stream(from).forEach(state -> ALLOWED.put(new Transition(state, event), to));
    }

    static Stream<Arguments> allowedTransitions() {
        return ALLOWED.entrySet().stream().map(allowed -> Arguments.of(allowed.getKey(), allowed.getValue()));
    }

    static Stream<Transition> refusedTransitions() {
        return everyPair().filter(pair -> !ALLOWED.containsKey(pair));
    }

    private static Stream<Transition> everyPair() {
        return Arrays.stream(RecordingState.values()).flatMap(state -> EVENTS.stream().map(event -> new Transition(state, event)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("allowedTransitions")
    void anAllowedEventLeadsToItsState(Transition transition, RecordingState to) {
        assertEquals(Optional.of(to), Lifecycle.next(transition.from(), transition.event()));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("refusedTransitions")
    void everyOtherEventIsRefused(Transition transition) {
        assertEquals(Optional.empty(), Lifecycle.next(transition.from(), transition.event()));
    }

    @Test
    void theTableCoversEveryKindOfEventInEveryState() {
        Set<Class<?>> kinds = EVENTS.stream().map(Object::getClass).collect(Collectors.toSet());

        assertEquals(Set.of(LifecycleEvent.class.getPermittedSubclasses()), kinds, "an event without rows in this table");
        assertEquals(RecordingState.values().length * kinds.size(), everyPair().count());
        assertEquals(24, ALLOWED.size());
    }

    @Test
    void eachStepFailsIntoItsOwnState() {
        Map<RecordingState, RecordingState.Step> failedSteps = new LinkedHashMap<>();
        for (RecordingState from : List.of(UPLOADING, PROBING, TRANSCODING, PUBLISHING)) {
            RecordingState failed = Lifecycle.next(from, FAILED).orElseThrow();
            failedSteps.put(failed, failed.failedStep().orElseThrow());
        }

        assertEquals(Map.of(UPLOAD_FAILED, RecordingState.Step.UPLOAD, PROBE_FAILED, RecordingState.Step.PROBE,
                TRANSCODE_FAILED, RecordingState.Step.TRANSCODE, PUBLISH_FAILED, RecordingState.Step.PUBLISH), failedSteps);
    }

    @Test
    void clientsSeeTheStatusValuesTheyAlwaysHave() {
        Set<String> statuses = Arrays.stream(RecordingState.values()).map(s -> s.status().code()).collect(Collectors.toSet());

        assertEquals(Set.of("awaiting_upload", "uploading", "uploaded", "processing", "ready", "failed"), statuses);
        assertTrue(Arrays.stream(RecordingState.values())
                .allMatch(s -> s.failedStep().isPresent() == (s.status() == RecordingStatus.FAILED)));
    }

    @Test
    void aRetryAfterAFailedUploadSaysToUploadAgain() {
        assertTrue(Lifecycle.refusal(UPLOAD_FAILED, RETRY_REQUESTED).contains("upload the file again"));
        assertTrue(Lifecycle.refusal(READY, RETRY_REQUESTED).contains("only a recording whose processing failed"));
    }
}
