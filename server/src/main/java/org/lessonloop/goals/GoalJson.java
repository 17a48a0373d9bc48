package org.lessonloop.goals;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/** The JSON of goals and measurements, the same wherever one is shown (goals, a goal's evidence). */
@FeatureApi
public final class GoalJson {
    private GoalJson() {
    }

    public static JsonObject goal(Goal goal) {
        GoalDetails d = goal.details();
        return new JsonObject()
                .put("id", goal.id().toString())
                .put("teacherId", goal.teacherId().toString())
                .put("statement", d.statement())
                .put("measure", d.measure().orElse(null))
                .put("baseline", d.baseline().orElse(null))
                .put("target", d.target().orElse(null))
                .put("dueDate", d.dueDate().map(LocalDate::toString).orElse(null))
                .put("status", d.status().code())
                .put("phase", d.phase().code())
                .put("createdAt", goal.createdAt().toString())
                .put("updatedAt", goal.updatedAt().toString());
    }

    public static JsonObject nextStep(NextStep step) {
        return new JsonObject()
                .put("id", step.id().toString())
                .put("goalId", step.goalId().toString())
                .put("author", new JsonObject().put("id", step.authorId().toString()).put("displayName", step.authorName()))
                .put("text", step.body())
                .put("createdAt", step.createdAt().toString())
                .put("debrief", step.source().map(source -> new JsonObject()
                        .put("id", source.debriefId() == null ? null : source.debriefId().toString())
                        .put("title", source.title())
                        .put("summary", new JsonObject(source.summaryJson()))).orElse(null));
    }

    public static JsonObject measurement(Measurement m) {
        return new JsonObject()
                .put("id", m.id().toString())
                .put("authorId", m.authorId().toString())
                .put("date", m.measuredOn().toString())
                .put("value", m.value().doubleValue())
                .put("note", m.note().orElse(null))
                .put("recordingId", m.recordingId().map(UUID::toString).orElse(null));
    }
}
