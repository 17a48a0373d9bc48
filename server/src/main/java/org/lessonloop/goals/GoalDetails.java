package org.lessonloop.goals;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.lessonloop.architecture.FeatureApi;

/** What the teacher writes down: statement, measure, baseline, target, due date, status, cycle phase. */
@FeatureApi
public record GoalDetails(
        String statement,
        Optional<String> measure,
        Optional<String> baseline,
        Optional<String> target,
        Optional<LocalDate> dueDate,
        Status status,
        Phase phase) {

    public enum Status {
        ACTIVE, MET, ARCHIVED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The Impact Cycle phase the teacher and coach are in. */
    public enum Phase {
        IDENTIFY, LEARN, IMPROVE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
