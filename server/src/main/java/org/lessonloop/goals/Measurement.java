package org.lessonloop.goals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.problems.ProblemException;

/** One point of a goal's progress series, optionally measured on a recording. */
@FeatureApi
public record Measurement(UUID id, UUID authorId, LocalDate measuredOn, BigDecimal value, Optional<String> note,
                          Optional<UUID> recordingId) {
    /** The column is numeric(14, 4): four decimals, ten digits before the point. */
    private static final int SCALE = 4;
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(14 - SCALE);

    /**
     * The value as it will be stored, rounded to four decimals the way PostgreSQL rounds (half away
     * from zero), so the answer shows what was kept; one too large to store is refused, not a 500.
     */
    static BigDecimal storable(BigDecimal value) {
        BigDecimal rounded = value.setScale(SCALE, RoundingMode.HALF_UP);
        if (rounded.abs().compareTo(LIMIT) >= 0) {
            throw ProblemException.invalid("'value' must be smaller than 10,000,000,000 either way.");
        }
        return rounded.stripTrailingZeros();
    }
}
