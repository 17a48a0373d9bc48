package org.lessonloop.media;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.lessonloop.jobs.Job;
import org.lessonloop.jobs.JobContext;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.jobs.JobRequest;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.recordings.RecordingStatus;
import org.lessonloop.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a failed media job left in storage. A job often dies because storage is away, so
 * the removal is tried at once and, if storage still does not answer, handed to a job of its own
 * that the queue retries with backoff until it does: nothing stays behind a failed recording or export.
 * The job checks again before removing: a recording processed again (or an export asked again)
 * meanwhile has outputs that are not leftovers, and its own attempt clears what it replaces.
 */
public final class MediaLeftovers implements JobHandler {
    public static final String KIND = "media.leftovers";
    /** With the queue's backoff (5 s, 20 s, 80 s … 10 min) this outlasts an outage of about an hour. */
    private static final int MAX_ATTEMPTS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(MediaLeftovers.class);

    private final DSLContext db;
    private final JobQueue queue;
    private final ObjectStore store;
    private final RecordingLifecycle recordings;
    private final ClipExportRepository exports;

    public MediaLeftovers(DSLContext db, JobQueue queue, ObjectStore store, RecordingLifecycle recordings) {
        this.db = db;
        this.queue = queue;
        this.store = store;
        this.recordings = recordings;
        this.exports = new ClipExportRepository(db);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** After a recording's processing failed (already recorded): its partial outputs. */
    void ofProcessing(UUID recordingId) {
        discardOrLater(recordingId, null, Recording.mediaPrefix(recordingId));
    }

    /** After a clip's export failed (already recorded): its partial file. */
    void ofExport(ClipExport export) {
        discardOrLater(export.recordingId(), export.clipId(), export.objectKey());
    }

    private void discardOrLater(UUID recordingId, UUID clipId, String prefix) {
        try {
            discard(prefix);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove what a failed job left under {}; a {} job will: {}", prefix, KIND, e.getMessage());
            queue.enqueue(db, new JobRequest(KIND, Optional.of(recordingId), Optional.ofNullable(clipId),
                    new JsonObject(), MAX_ATTEMPTS));
        }
    }

    @Override
    public void run(Job job, JobContext context) {
        UUID recordingId = job.recordingId().orElseThrow();
        if (job.subjectId().isPresent()) {
            exports.find(job.subjectId().get())
                    .filter(export -> export.status() == ClipExport.Status.FAILED)
                    .ifPresent(export -> discard(export.objectKey()));
        } else if (recordings.find(recordingId).map(r -> r.status() == RecordingStatus.FAILED).orElse(false)) {
            discard(Recording.mediaPrefix(recordingId));
        }
    }

    /** Objects under the prefix, and multipart uploads a failed put could not abort. */
    private void discard(String prefix) {
        store.listMultipartUploads(prefix).forEach(pending -> store.abortMultipartUpload(pending.key(), pending.uploadId()));
        store.removePrefix(prefix);
    }
}
