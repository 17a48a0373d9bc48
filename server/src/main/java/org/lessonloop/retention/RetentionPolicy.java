package org.lessonloop.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lessonloop.problems.ProblemException;

/**
 * An organization's retention rules; an empty number of days turns that rule off. Originals are
 * purged {@code purgeOriginalsDays} after their renditions exist; recordings are deleted
 * {@code deleteInactiveDays} after their last activity, and their owner is warned {@code warnDays}
 * before.
 */
public record RetentionPolicy(Optional<Integer> purgeOriginalsDays, Optional<Integer> deleteInactiveDays, Optional<Integer> warnDays) {
    static final int MAX_DAYS = 3650;
    static final int MAX_WARN_DAYS = 365;

    public static final RetentionPolicy NONE = new RetentionPolicy(Optional.empty(), Optional.empty(), Optional.empty());

    /** Every rule broken, in one message, so the admin fixes the form at once. */
    static RetentionPolicy validated(Optional<Long> purge, Optional<Long> delete, Optional<Long> warn) {
        List<String> problems = new ArrayList<>();
        purge.filter(days -> days < 1 || days > MAX_DAYS).ifPresent(days ->
                problems.add("Purge originals after must be between 1 and " + MAX_DAYS + " days (or empty to keep originals)."));
        delete.filter(days -> days < 1 || days > MAX_DAYS).ifPresent(days ->
                problems.add("Delete inactive recordings after must be between 1 and " + MAX_DAYS + " days (or empty to keep them)."));
        warn.filter(days -> days < 1 || days > MAX_WARN_DAYS).ifPresent(days ->
                problems.add("Warn owners must be between 1 and " + MAX_WARN_DAYS + " days before the deletion."));
        if (warn.isPresent() && delete.isEmpty()) {
            problems.add("A warning needs a deletion rule: set 'delete inactive recordings after' or leave the warning empty.");
        }
        if (delete.isPresent() && warn.isEmpty()) {
            problems.add("Owners must be warned before their recordings are deleted: set how many days before.");
        }
        if (delete.isPresent() && warn.isPresent() && warn.get() >= delete.get()) {
            problems.add("The warning (" + warn.get() + " days) must come after the last activity, so it must be shorter than "
                    + "the deletion period (" + delete.get() + " days).");
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(String.join(" ", problems));
        }
        return new RetentionPolicy(purge.map(Math::toIntExact), delete.map(Math::toIntExact), warn.map(Math::toIntExact));
    }
}
