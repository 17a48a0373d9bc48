package org.lessonloop.media;

import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.annotations.Clip;
import org.lessonloop.annotations.Clips;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.JobRequest;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * Exporting a clip to MP4, for everyone who may view the clip's recording (the clip rules decide
 * that). A download is audited: a copy of classroom footage leaving the system is the owner's business.
 */
public final class ClipExports {
    private static final EnumSet<ClipExport.Status> CURRENT = EnumSet.of(ClipExport.Status.QUEUED, ClipExport.Status.RUNNING,
            ClipExport.Status.READY);

    private final DSLContext db;
    private final Clips clips;
    private final RecordingLifecycle recordings;
    private final ClipExportRepository exports;
    private final JobQueue queue;
    private final AuditLog audit;

    public ClipExports(DSLContext db, Clips clips, RecordingLifecycle recordings, JobQueue queue, AuditLog audit) {
        this.db = db;
        this.clips = clips;
        this.recordings = recordings;
        this.exports = new ClipExportRepository(db);
        this.queue = queue;
        this.audit = audit;
    }

    /** The export handler, sharing this feature's repository. */
    public ExportClip handler(MediaTools tools, org.lessonloop.events.RecordingEvents events, MediaLeftovers leftovers) {
        return new ExportClip(tools, recordings, exports, events, leftovers);
    }

    /** Starts an export of the clip as it is now; asking again for the same cut returns the export under way. */
    public ClipExport request(CurrentUser me, UUID clipId) {
        Clip clip = clips.get(me, clipId);
        Optional<ClipExport> existing = exports.find(clipId);
        if (existing.filter(e -> CURRENT.contains(e.status()) && e.isFor(clip.startMs(), clip.endMs())).isPresent()) {
            return existing.get();
        }
        if (recordings.find(clip.recordingId()).flatMap(Recording::source).isEmpty()) {
            throw ProblemException.conflict("The recording has no video yet; export the clip once it is uploaded.");
        }
        db.transaction(tx -> {
            exports.queue(tx.dsl(), clipId, clip.recordingId(), clip.startMs(), clip.endMs(), me.id());
            queue.enqueue(tx.dsl(), new JobRequest(ExportClip.KIND, Optional.of(clip.recordingId()), Optional.of(clipId),
                    new JsonObject(), Processing.MAX_ATTEMPTS));
        });
        return exports.find(clipId).orElseThrow();
    }

    public ClipExport status(CurrentUser me, UUID clipId) {
        clips.get(me, clipId);
        return exports.find(clipId).orElseThrow(() -> ProblemException.notFound("This clip has not been exported yet."));
    }

    /** The ready export of the clip's current cut, for download; the download is audited. */
    public Download download(CurrentUser me, UUID clipId) {
        Clip clip = clips.get(me, clipId);
        ClipExport export = exports.find(clipId).orElseThrow(() -> ProblemException.notFound("This clip has not been exported yet."));
        if (export.status() != ClipExport.Status.READY) {
            throw ProblemException.conflict("The export is " + export.status().code() + ", not ready to download.");
        }
        if (!export.isFor(clip.startMs(), clip.endMs())) {
            throw ProblemException.conflict("The clip has changed since it was exported; export it again.");
        }
        audit.record(me.id(), "clip.exported", clip.recordingId(), null, clip.title());
        return new Download(export.objectKey(), export.size().orElseThrow(), clip.title());
    }

    public record Download(String objectKey, long size, String title) {
    }
}
