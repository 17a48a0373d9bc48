package org.lessonloop.goals;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/**
 * A next step agreed for a goal, and where it was agreed: the debrief's id and title and its
 * summary (JSON, kept here so the step keeps its story when the room is gone).
 */
@FeatureApi
public record NextStep(UUID id, UUID goalId, UUID authorId, String authorName, String body, Optional<Source> source,
                       OffsetDateTime createdAt) {
    public static final int MAX_BODY = 1000;

    /** The debrief a step came from. */
    public record Source(UUID debriefId, String title, String summaryJson) {
    }

    /** What a caller asks to add: the goal and the step's words. */
    public record Draft(UUID goalId, String body) {
    }
}
