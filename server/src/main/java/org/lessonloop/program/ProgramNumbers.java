package org.lessonloop.program;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.problems.ProblemException;

/**
 * Program numbers for administrators (issue 12, item 8; DESIGN §5: admins read aggregate numbers,
 * never footage, comments or goals). A group of fewer than {@link #SMALLEST_GROUP} teachers shows no
 * figures at all: with a handful of teachers, "hours of video" or "goals met" is one teacher's work
 * seen by their employer, which coaching promises it never becomes.
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
        Group school = new Group(Optional.empty(), "Whole school", shown(numbers.school(organization)));
        List<Group> coaches = numbers.coaches(organization).stream()
                .map(coach -> new Group(Optional.of(coach.coachId()), coach.name(), shown(coach.figures()))).toList();
        return new Program(school, coaches);
    }

    private static Optional<ProgramRepository.Figures> shown(ProgramRepository.Figures figures) {
        return figures.teachers() >= SMALLEST_GROUP ? Optional.of(figures) : Optional.empty();
    }
}
