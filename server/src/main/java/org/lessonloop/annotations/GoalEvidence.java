package org.lessonloop.annotations;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.goals.Goal;
import org.lessonloop.goals.Goals;
import org.lessonloop.goals.Measurement;
import org.lessonloop.goals.NextStep;

/**
 * A goal's evidence: the comments and clips labelled with it across the teacher's recordings, as
 * far as the caller may see them (shared comments and their own notes, on recordings they may view).
 */
public final class GoalEvidence {
    private final Goals goals;
    private final CommentRepository comments;
    private final ClipRepository clips;
    private final AnnotationRepository annotations;

    GoalEvidence(Goals goals, CommentRepository comments, ClipRepository clips, AnnotationRepository annotations) {
        this.goals = goals;
        this.comments = comments;
        this.clips = clips;
        this.annotations = annotations;
    }

    /** What was said, cut and agreed: comments and clips tagged with the goal, next steps from debriefs. */
    public record Evidence(Goal goal, List<Comment> comments, List<Clip> clips, List<NextStep> nextSteps) {
    }

    public Evidence of(CurrentUser me, UUID goalId) {
        Goal goal = goals.get(me, goalId);
        List<NextStep> nextSteps = goals.nextSteps(me, goalId);
        List<UUID> ids = annotations.labelledWithGoal(goalId);
        if (ids.isEmpty()) {
            return new Evidence(goal, List.of(), List.of(), nextSteps);
        }
        Map<UUID, List<Label>> labels = annotations.labelsOf(ids);
        return new Evidence(goal, comments.withIdsVisibleTo(ids, me.id(), labels), clips.withIdsVisibleTo(ids, me.id(), labels), nextSteps);
    }

    /** The goal, its measurements and its evidence as one CSV sheet. */
    public String csv(CurrentUser me, UUID goalId) {
        Evidence evidence = of(me, goalId);
        Csv csv = new Csv().row(List.of("goal", evidence.goal().details().statement()))
                .row(List.of("measure", evidence.goal().details().measure().orElse("")))
                .row(List.of())
                .row(List.of("date", "value", "note", "recordingId"));
        for (Measurement m : goals.measurements(me, goalId)) {
            csv.row(java.util.Arrays.asList(m.measuredOn(), m.value().stripTrailingZeros().toPlainString(), m.note().orElse(""),
                    m.recordingId().map(UUID::toString).orElse("")));
        }
        csv.row(List.of()).row(List.of("evidence", "recordingId", "start", "end", "author", "text", "tags"));
        for (Comment c : evidence.comments()) {
            csv.row(List.of("comment", c.recordingId(), c.startMs().map(Timecode::of).orElse(""), c.endMs().map(Timecode::of).orElse(""),
                    c.authorName(), c.body().orElse(""), names(c.labels())));
        }
        for (Clip c : evidence.clips()) {
            csv.row(List.of("clip", c.recordingId(), Timecode.of(c.startMs()), Timecode.of(c.endMs()), c.authorName(),
                    c.title() + c.note().map(note -> ": " + note).orElse(""), names(c.labels())));
        }
        return csv.toString();
    }

    private static String names(List<Label> labels) {
        return labels.stream().map(Label::name).collect(Collectors.joining("; "));
    }
}
