package org.lessonloop.debriefs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.goals.NextStep;
import org.lessonloop.http.Html;

/** What a debrief came to: the clips watched, how much was said and drawn, the next steps. JSON and a printable page. */
final class Summary {
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Debrief summary</title>
            <style>body{font:15px/1.5 system-ui,sans-serif;max-width:44em;margin:2em auto;color:#111}
            h1{font-size:1.5em}li{margin:.3em 0}.meta{color:#555}@media print{body{margin:0}}</style></head><body>
            """;

    private Summary() {
    }

    static JsonObject json(Debrief room, DebriefRepository.Tally tally, List<NextStep.Draft> steps, CurrentUser endedBy) {
        return new JsonObject()
                .put("debriefId", room.id().toString())
                .put("title", room.title())
                .put("clipsWatched", new JsonArray(tally.watched().stream().map(Item::json).toList()))
                .put("comments", tally.comments())
                .put("drawings", tally.drawings())
                .put("nextSteps", new JsonArray(steps.stream()
                        .map(step -> new JsonObject().put("goalId", step.goalId().toString()).put("text", step.body())).toList()))
                .put("endedAt", Instant.now().toString())
                .put("endedBy", new JsonObject().put("id", endedBy.id().toString()).put("displayName", endedBy.user().displayName()));
    }

    static String html(JsonObject summary) {
        StringBuilder html = new StringBuilder(PAGE);
        html.append("<h1>").append(Html.escape(summary.getString("title"))).append("</h1>\n<p class=\"meta\">Ended ")
                .append(Html.escape(summary.getString("endedAt"))).append(" by ")
                .append(Html.escape(summary.getJsonObject("endedBy").getString("displayName"))).append(". ")
                .append(summary.getInteger("comments")).append(" comment(s), ").append(summary.getInteger("drawings"))
                .append(" drawing(s).</p>\n<h2>Clips watched</h2>\n<ul>\n");
        for (Object clip : summary.getJsonArray("clipsWatched")) {
            html.append("<li>").append(Html.escape(((JsonObject) clip).getString("title"))).append("</li>\n");
        }
        html.append("</ul>\n<h2>Next steps</h2>\n<ol>\n");
        for (Object step : summary.getJsonArray("nextSteps")) {
            html.append("<li>").append(Html.escape(((JsonObject) step).getString("text"))).append("</li>\n");
        }
        return html.append("</ol>\n</body></html>\n").toString();
    }
}
