package org.lessonloop.takeout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.annotations.TimelineDocuments;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.goals.GoalJson;
import org.lessonloop.goals.Goals;
import org.lessonloop.media.ClipExport;
import org.lessonloop.media.ClipExportFiles;
import org.lessonloop.recordings.Recording;
import org.lessonloop.storage.ObjectStore;

/**
 * Writes one person's data as a ZIP into a stream, object by object: originals and exported
 * clips are copied from storage as they are read, so neither the heap nor the disk ever holds
 * more than a buffer of the archive. Only recordings the person owns go in; shared ones do not.
 *
 * <p>Videos go in uncompressed: deflate level 0 (stored blocks, 5 bytes per 64 KiB), not the ZIP
 * STORED method, because STORED needs each entry's CRC-32 before its bytes, which would mean
 * reading every object twice, and STORED with a trailing data descriptor is refused by
 * java.util.zip.ZipInputStream and other streaming readers.
 */
final class TakeoutArchive {
    private final ObjectStore store;
    private final TimelineDocuments timelines;
    private final ClipExportFiles clipFiles;
    private final Goals goals;
    private final AuditLog audit;

    TakeoutArchive(ObjectStore store, TimelineDocuments timelines, ClipExportFiles clipFiles, Goals goals, AuditLog audit) {
        this.store = store;
        this.timelines = timelines;
        this.clipFiles = clipFiles;
        this.goals = goals;
        this.audit = audit;
    }

    void write(CurrentUser me, List<Recording> recordings, boolean withGoals, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new WideZipOutputStream(out)) {
            text(zip, "README.txt", readme(me, recordings.size()));
            if (withGoals) {
                text(zip, "goals.json", goalsJson(me).encodePrettily());
            }
            for (Recording recording : recordings) {
                recording(zip, me, recording);
            }
            zip.finish();
        }
    }

    private void recording(ZipOutputStream zip, CurrentUser me, Recording r) throws IOException {
        String folder = "recordings/" + r.createdAt().toLocalDate() + "-" + slug(r.title()) + "-" + r.id().toString().substring(0, 8) + "/";
        text(zip, folder + "recording.json", recordingJson(r).encodePrettily());
        JsonObject timeline = new JsonObject(timelines.json(me, r.id()));
        text(zip, folder + "comments.json", new JsonObject().put("recordingId", r.id().toString())
                .put("threads", timeline.getJsonArray("threads", new JsonArray())).encodePrettily());
        text(zip, folder + "comments.csv", timelines.csv(me, r.id()));
        text(zip, folder + "clips.json", timeline.getJsonArray("clips", new JsonArray()).encodePrettily());
        text(zip, folder + "audit.json", new JsonArray(audit.forRecording(r.id()).stream().map(e -> new JsonObject()
                .put("at", e.at().toString())
                .put("by", e.actorName())
                .put("action", e.action())
                .put("detail", e.detail())).toList()).encodePrettily());
        if (r.source().isPresent()) {
            Recording.Source source = r.source().get();
            video(zip, folder + "original" + extension(source.filename()), source.key());
        }
        for (ClipExport export : clipFiles.readyFor(r.id())) {
            video(zip, folder + "clips/" + export.clipId() + ".mp4", export.objectKey());
        }
        audit.record(me.id(), "recording.taken-out", r.id(), null, "takeout archive");
    }

    private void video(ZipOutputStream zip, String name, String key) throws IOException {
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = store.get(key)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    private static void text(ZipOutputStream zip, String name, String content) throws IOException {
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private JsonObject goalsJson(CurrentUser me) {
        return new JsonObject().put("goals", new JsonArray(goals.list(me, java.util.Optional.empty()).stream()
                .filter(goal -> goal.teacherId().equals(me.id())) // a coach's list holds her teachers' goals too
                .map(goal -> GoalJson.goal(goal).put("measurements",
                        new JsonArray(goals.measurements(me, goal.id()).stream().map(GoalJson::measurement).toList())))
                .toList()));
    }

    private static JsonObject recordingJson(Recording r) {
        return new JsonObject()
                .put("id", r.id().toString())
                .put("title", r.title())
                .put("lessonDate", r.lessonDate().map(Object::toString).orElse(null))
                .put("subject", r.subject().orElse(null))
                .put("grade", r.grade().orElse(null))
                .put("status", r.status().code())
                .put("durationMs", r.media().durationMs().orElse(null))
                .put("original", r.source().map(s -> new JsonObject().put("filename", s.filename()).put("size", s.size())
                        .put("sha256", s.sha256())).orElse(null))
                .put("createdAt", r.createdAt().toString());
    }

    private static String readme(CurrentUser me, int recordings) {
        return "Lessonloop takeout of " + me.user().displayName() + "\n\n"
                + recordings + " recording(s) you own; recordings others shared with you are not included.\n"
                + "goals.json: your goals and their measurements.\n"
                + "recordings/<date>-<title>-<id>/: recording.json (details), original.* (the file you uploaded, unless\n"
                + "retention removed it), comments.json and comments.csv (comments and replies you can see: shared ones and\n"
                + "your own private notes), clips.json, clips/*.mp4 (exported clips), audit.json (who viewed, shared, exported).\n";
    }

    /**
     * Deflate's output buffer is 512 bytes by default: every half-kilobyte of video then cost a
     * native deflate call and a write, which held a 256 MiB takeout to 26 MiB/s here. 64 KiB
     * matches the response's chunks.
     */
    private static final class WideZipOutputStream extends ZipOutputStream {
        WideZipOutputStream(OutputStream out) {
            super(out, StandardCharsets.UTF_8);
            buf = new byte[64 * 1024];
        }
    }

    /** A name safe in any file system: ASCII letters, digits and dashes, at most 40. */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        slug = slug.length() > 40 ? slug.substring(0, 40).replaceAll("-+$", "") : slug;
        return slug.isEmpty() ? "recording" : slug;
    }

    /** The uploaded file's extension if it is a plain one (".mp4", ".mov"), else none. */
    static String extension(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,5}") ? "." + ext : "";
    }
}
