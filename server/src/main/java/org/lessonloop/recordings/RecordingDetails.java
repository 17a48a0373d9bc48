package org.lessonloop.recordings;

import java.time.LocalDate;
import java.util.Optional;

/** What a teacher types about a lesson. */
public record RecordingDetails(String title, Optional<LocalDate> lessonDate, Optional<String> subject, Optional<String> grade) {

    static RecordingDetails of(Recording r) {
        return new RecordingDetails(r.title(), r.lessonDate(), r.subject(), r.grade());
    }
}
