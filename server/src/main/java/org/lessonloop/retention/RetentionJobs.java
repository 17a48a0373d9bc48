package org.lessonloop.retention;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.jobs.Job;
import org.lessonloop.jobs.JobContext;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.recordings.RecordingRemoval;
import org.lessonloop.storage.ObjectStore;

/**
 * The two retention jobs. Each re-checks its rule when it runs (the owner may have kept the
 * recording, the admin changed the policy) and is idempotent: run twice, on two nodes or after a
 * crash half-way, it leaves the same result.
 */
final class RetentionJobs {
    static final String PURGE_ORIGINAL = "retention.purge-original";
    static final String DELETE_RECORDING = "retention.delete-recording";

    private final RetentionRepository repository;
    private final RecordingLifecycle recordings;
    private final RecordingRemoval removal;
    private final ObjectStore store;
    private final AuditLog audit;
    private final Clock clock;

    RetentionJobs(RetentionRepository repository, RecordingLifecycle recordings, RecordingRemoval removal, ObjectStore store,
                  AuditLog audit, Clock clock) {
        this.repository = repository;
        this.recordings = recordings;
        this.removal = removal;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    List<JobHandler> handlers() {
        return List.of(handler(PURGE_ORIGINAL, this::purgeOriginal), handler(DELETE_RECORDING, this::deleteRecording));
    }

    /**
     * Removes the original once the renditions are really there (the master playlist is stored):
     * the object first, then the row's key, so a crash between leaves a row naming a missing object
     * that the retry forgets, never bytes no row names.
     */
    private void purgeOriginal(UUID recordingId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (repository.dueForPurge(now, Optional.of(recordingId), 1).isEmpty()) {
            return;
        }
        Recording.Source source = recordings.find(recordingId).flatMap(Recording::source).orElse(null);
        if (source == null || store.stat(Recording.mediaPrefix(recordingId) + "master.m3u8").isEmpty()) {
            return; // no renditions to fall back on: the original stays
        }
        store.remove(source.key());
        if (recordings.sourcePurged(recordingId, source.key(), now)) {
            audit.record(null, "recording.original-purged", recordingId, null, "retention: " + source.size() + " bytes");
        }
    }

    private void deleteRecording(UUID recordingId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (repository.dueForDeletion(now, Optional.of(recordingId), 1).isEmpty()) {
            return;
        }
        removal.remove(recordingId, null, "retention: no activity for the organization's deletion period");
    }

    private static JobHandler handler(String kind, java.util.function.Consumer<UUID> work) {
        return new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void run(Job job, JobContext context) {
                work.accept(job.subjectId().orElseThrow());
            }
        };
    }
}
