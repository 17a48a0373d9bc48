package org.lessonloop.recordings;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A partial update: a field left out of the request stays as it is; an optional field sent as
 * null or "" is cleared. The title can be changed but never cleared.
 */
public record RecordingPatch(
        Optional<String> title,
        Optional<Optional<LocalDate>> lessonDate,
        Optional<Optional<String>> subject,
        Optional<Optional<String>> grade) {

    RecordingDetails applyTo(RecordingDetails current) {
        return new RecordingDetails(
                title.orElse(current.title()),
                lessonDate.orElse(current.lessonDate()),
                subject.orElse(current.subject()),
                grade.orElse(current.grade()));
    }
}
