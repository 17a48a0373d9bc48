package org.lessonloop.goals;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** A teacher's SMART goal, with its place in the Impact Cycle. */
@FeatureApi
public record Goal(UUID id, UUID teacherId, GoalDetails details, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
