package org.lessonloop.program;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.problems.ProblemException;

/**
 * Program numbers for administrators (issue 12, item 8; DESIGN §5: admins read aggregate numbers,
 * never footage, comments or goals). A group of fewer than {@link #SMALLEST_GROUP} teachers shows no
 * figures at all: with a handful of teachers, "hours of video" or "goals met" is one teacher's work
 * seen by their employer, which coaching promises it never becomes. Nor may such a group be worked
 * out by subtracting shown groups from one another ({@link ShownGroups}).
 */
public final class ProgramNumbers {
    static final int SMALLEST_GROUP = 5;

    private final ProgramRepository numbers;

    ProgramNumbers(ProgramRepository numbers) {
        this.numbers = numbers;
    }

    /** One row of the table: the school or a coach's teachers; figures empty when the group is too small to show. */
    public record Group(Optional<UUID> coachId, String name, Optional<ProgramRepository.Figures> figures) {
    }

    public record Program(Group school, List<Group> coaches) {
    }

    public Program of(CurrentUser admin) {
        if (!admin.isAdmin()) {
            throw ProblemException.forbidden("Only an administrator can read the program numbers.");
        }
        UUID organization = admin.user().organizationId();
        Set<UUID> schoolTeachers = numbers.schoolTeachers(organization);
        List<ProgramRepository.Coach> coaches = numbers.coaches(organization);
        Set<UUID> shownCoaches = ShownGroups.of(schoolTeachers, coaches);
        Group school = new Group(Optional.empty(), "Whole school", schoolTeachers.size() >= SMALLEST_GROUP
                ? Optional.of(numbers.figures(schoolTeachers)) : Optional.empty());
        List<Group> coachGroups = coaches.stream().map(coach -> new Group(Optional.of(coach.coachId()), coach.name(),
                shownCoaches.contains(coach.coachId()) ? Optional.of(numbers.figures(coach.teachers())) : Optional.empty())).toList();
        return new Program(school, coachGroups);
    }
}
