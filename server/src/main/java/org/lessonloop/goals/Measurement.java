package org.lessonloop.goals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** One point of a goal's progress series, optionally measured on a recording. */
@FeatureApi
public record Measurement(UUID id, UUID authorId, LocalDate measuredOn, BigDecimal value, Optional<String> note,
                          Optional<UUID> recordingId) {
}
