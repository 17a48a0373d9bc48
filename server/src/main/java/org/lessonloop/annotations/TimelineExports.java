package org.lessonloop.annotations;

import java.util.List;
import java.util.stream.Collectors;
import org.lessonloop.annotations.Timeline.Thread;
import org.lessonloop.annotations.Timeline.View;

/**
 * A timeline as the caller sees it, written out: comments as CSV and as WebVTT cues, and a
 * printable debrief summary page. Everything the authors typed is escaped for its format.
 */
final class TimelineExports {
    /** How long a point comment's cue stays on screen. */
    private static final long POINT_CUE_MS = 5_000;

    private TimelineExports() {
    }

    static String csv(View view) {
        Csv csv = new Csv().row(List.of("thread", "kind", "start", "end", "startMs", "endMs", "author", "visibility", "tags",
                "body", "createdAt", "edited"));
        int number = 0;
        for (Thread thread : view.threads()) {
            number++;
            for (Comment c : comments(thread)) {
                csv.row(java.util.Arrays.asList(number, c.parentId().isPresent() ? "reply" : c.endMs().isPresent() ? "range" : "point",
                        c.startMs().map(Timecode::of).orElse(""), c.endMs().map(Timecode::of).orElse(""),
                        c.startMs().orElse(null), c.endMs().orElse(null), c.authorName(), c.visibility().code(),
                        c.labels().stream().map(Label::name).collect(Collectors.joining("; ")),
                        c.deleted() ? "(deleted)" : c.body().orElse(""), c.createdAt().toString(), c.editedAt().isPresent()));
            }
        }
        return csv.toString();
    }

    /** One cue per live thread (https://www.w3.org/TR/webvtt1/), its replies below the first comment. */
    static String vtt(View view) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Thread thread : view.threads()) {
            Comment first = thread.comment();
            if (first.deleted()) {
                continue;
            }
            // Times were checked when written, but a recording's duration may be known only since:
            // cues end by the recording's end, and no stored time can overflow the arithmetic.
            long last = view.durationMs().orElse(Timecode.LONGEST_RECORDING_MS);
            long start = Math.min(first.startMs().orElse(0L), last);
            long end = Math.max(start + 1, Math.min(first.endMs().orElse(start + POINT_CUE_MS), last));
            out.append(Timecode.of(start)).append(" --> ").append(Timecode.of(end)).append('\n');
            for (Comment c : comments(thread)) {
                if (!c.deleted()) {
                    out.append(cueText(c.authorName() + ": " + c.body().orElse(""))).append('\n');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A page that prints cleanly: the clips, then each thread in time order. */
    static String summary(View view) {
        StringBuilder html = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Debrief summary</title>
                <style>
                body{font:11pt/1.4 system-ui,sans-serif;max-width:48em;margin:2em auto;color:#111}
                h1{font-size:16pt}h2{font-size:13pt;border-bottom:1px solid #999;margin-top:1.5em}
                .t{font-variant-numeric:tabular-nums;color:#555;margin-right:.5em}.tag{border:1px solid #999;border-radius:3px;padding:0 .3em;margin-left:.3em;font-size:9pt}
                li{margin:.4em 0;break-inside:avoid}.reply{margin-left:1.5em;color:#333}.body{white-space:pre-wrap}
                @media print{body{margin:0}}
                </style></head><body>
                """);
        html.append("<h1>").append(escape(view.title())).append("</h1>\n<h2>Clips</h2>\n<ul>\n");
        for (Clip clip : view.clips()) {
            html.append("<li><span class=\"t\">").append(Timecode.of(clip.startMs())).append("–").append(Timecode.of(clip.endMs()))
                    .append("</span><strong>").append(escape(clip.title())).append("</strong>").append(tags(clip.labels()))
                    .append(clip.note().map(note -> "<div class=\"body\">" + escape(note) + "</div>").orElse("")).append("</li>\n");
        }
        html.append("</ul>\n<h2>Comments</h2>\n<ul>\n");
        for (Thread thread : view.threads()) {
            Comment first = thread.comment();
            html.append("<li><span class=\"t\">").append(Timecode.of(first.startMs().orElse(0L)))
                    .append(first.endMs().map(end -> "–" + Timecode.of(end)).orElse("")).append("</span>")
                    .append(line(first)).append(tags(first.labels()));
            for (Comment reply : thread.replies()) {
                html.append("<div class=\"reply\">").append(line(reply)).append("</div>");
            }
            html.append("</li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }

    private static List<Comment> comments(Thread thread) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(thread.comment()), thread.replies().stream()).toList();
    }

    private static String line(Comment c) {
        String note = c.visibility() == Visibility.PRIVATE ? " (private note)" : "";
        return "<strong>" + escape(c.authorName()) + "</strong>" + note + ": <span class=\"body\">"
                + (c.deleted() ? "<em>deleted</em>" : escape(c.body().orElse(""))) + "</span>";
    }

    private static String tags(List<Label> labels) {
        return labels.stream().map(l -> "<span class=\"tag\">" + escape(l.name()) + "</span>").collect(Collectors.joining());
    }

    static String escape(String text) {
        return org.lessonloop.http.Html.escape(text);
    }

    /** Cue text may hold no blank line (it would end the cue) and no markup of its own. */
    private static String cueText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replaceAll("\\R\\s*\\R", "\n").replaceAll("\\R", "\n");
    }
}
