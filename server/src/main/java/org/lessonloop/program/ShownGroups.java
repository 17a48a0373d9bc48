package org.lessonloop.program;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which coach groups may show figures beside the school's, so that no set of fewer than
 * {@link ProgramNumbers#SMALLEST_GROUP} teachers can be worked out from the shown totals.
 *
 * <p>Hiding each small group is not enough: the school minus the coach groups shown, or one group
 * minus another it contains, singles out the teachers left over. The figures are sums over
 * teachers, so everything derivable from the shown totals is a sum over the <em>cells</em> they
 * cut the school into (teachers in exactly the same shown groups). When every cell has none or at
 * least 5 teachers, no smaller set can be derived. While a cell is smaller, the smallest shown
 * coach group that sets it apart (or, for the school's leftover, the smallest of all) is hidden
 * too; with no coach group shown, the school is one cell.
 */
final class ShownGroups {
    private ShownGroups() {
    }

    /** The coaches whose groups may be shown; none when the school itself is too small. */
    static Set<UUID> of(Set<UUID> school, List<ProgramRepository.Coach> coaches) {
        if (school.size() < ProgramNumbers.SMALLEST_GROUP) {
            return Set.of();
        }
        Map<UUID, Set<UUID>> shown = new LinkedHashMap<>();
        coaches.stream().filter(c -> c.teachers().size() >= ProgramNumbers.SMALLEST_GROUP)
                .forEach(c -> shown.put(c.coachId(), c.teachers()));
        for (Optional<Set<UUID>> small = smallCell(school, shown); small.isPresent(); small = smallCell(school, shown)) {
            shown.remove(toHide(small.get(), shown));
        }
        return Set.copyOf(shown.keySet());
    }

    /** Where a teacher is counted: the school or not (a paired teacher whose role changed), and which shown coach groups. */
    private record Cell(boolean inSchool, Set<UUID> coaches) {
    }

    /** A cell of 1 to 4 teachers, if there is one. */
    private static Optional<Set<UUID>> smallCell(Set<UUID> school, Map<UUID, Set<UUID>> shown) {
        Set<UUID> everyone = new HashSet<>(school);
        shown.values().forEach(everyone::addAll);
        Map<Cell, Set<UUID>> cells = new HashMap<>();
        for (UUID teacher : everyone) {
            Set<UUID> coaches = new HashSet<>();
            shown.forEach((coach, teachers) -> {
                if (teachers.contains(teacher)) {
                    coaches.add(coach);
                }
            });
            cells.computeIfAbsent(new Cell(school.contains(teacher), coaches), k -> new HashSet<>()).add(teacher);
        }
        return cells.values().stream().filter(cell -> cell.size() < ProgramNumbers.SMALLEST_GROUP).findFirst();
    }

    /** The smallest shown group holding the cell; when none holds it (the school's leftover), the smallest of all. */
    private static UUID toHide(Set<UUID> cell, Map<UUID, Set<UUID>> shown) {
        UUID anyTeacher = cell.iterator().next();
        Comparator<Map.Entry<UUID, Set<UUID>>> smallest = Comparator.comparingInt(e -> e.getValue().size());
        var holding = shown.entrySet().stream().filter(e -> e.getValue().contains(anyTeacher)).min(smallest);
        return holding.or(() -> shown.entrySet().stream().min(smallest)).orElseThrow().getKey();
    }
}
