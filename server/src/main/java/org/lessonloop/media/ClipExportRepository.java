package org.lessonloop.media;

import static org.lessonloop.db.Tables.CLIP_EXPORTS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.lessonloop.storage.StorageClaims;

final class ClipExportRepository {
    private final DSLContext db;

    ClipExportRepository(DSLContext db) {
        this.db = db;
    }

    /** The recording's exports whose MP4 is stored. */
    java.util.List<ClipExport> readyFor(UUID recordingId) {
        return db.selectFrom(CLIP_EXPORTS).where(CLIP_EXPORTS.RECORDING_ID.eq(recordingId)
                .and(CLIP_EXPORTS.STATUS.eq(ClipExport.Status.READY.code()))).orderBy(CLIP_EXPORTS.CREATED_AT).fetch(ClipExportRepository::toExport);
    }

    Optional<ClipExport> find(UUID clipId) {
        return db.selectFrom(CLIP_EXPORTS).where(CLIP_EXPORTS.CLIP_ID.eq(clipId)).fetchOptional().map(ClipExportRepository::toExport);
    }

    /** Every export names its file; a ready one's file must exist. */
    StorageClaims storageClaims() {
        StorageClaims.Builder claims = StorageClaims.builder();
        db.select(CLIP_EXPORTS.CLIP_ID, CLIP_EXPORTS.OBJECT_KEY, CLIP_EXPORTS.STATUS).from(CLIP_EXPORTS).fetch().forEach(r -> {
            if (ClipExport.Status.READY.code().equals(r.value3())) {
                claims.required(r.value2(), "the export of clip " + r.value1());
            } else {
                claims.key(r.value2());
            }
        });
        return claims.build();
    }

    /** Queues (again) the export of this cut, replacing whatever export the clip had. */
    void queue(DSLContext tx, UUID clipId, UUID recordingId, long startMs, long endMs, UUID requestedBy) {
        tx.insertInto(CLIP_EXPORTS)
                .set(CLIP_EXPORTS.CLIP_ID, clipId)
                .set(CLIP_EXPORTS.RECORDING_ID, recordingId)
                .set(CLIP_EXPORTS.STATUS, ClipExport.Status.QUEUED.code())
                .set(CLIP_EXPORTS.START_MS, startMs)
                .set(CLIP_EXPORTS.END_MS, endMs)
                .set(CLIP_EXPORTS.OBJECT_KEY, ClipExport.objectKey(recordingId, clipId))
                .set(CLIP_EXPORTS.REQUESTED_BY, requestedBy)
                .onConflict(CLIP_EXPORTS.CLIP_ID).doUpdate()
                .set(CLIP_EXPORTS.STATUS, ClipExport.Status.QUEUED.code())
                .set(CLIP_EXPORTS.START_MS, startMs)
                .set(CLIP_EXPORTS.END_MS, endMs)
                .setNull(CLIP_EXPORTS.SIZE)
                .setNull(CLIP_EXPORTS.REASON)
                .set(CLIP_EXPORTS.REQUESTED_BY, requestedBy)
                .set(CLIP_EXPORTS.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }

    void running(UUID clipId) {
        set(clipId, ClipExport.Status.RUNNING, null, null);
    }

    void ready(UUID clipId, long size) {
        set(clipId, ClipExport.Status.READY, size, null);
    }

    void failed(UUID clipId, String reason) {
        set(clipId, ClipExport.Status.FAILED, null, reason);
    }

    private void set(UUID clipId, ClipExport.Status status, Long size, String reason) {
        db.update(CLIP_EXPORTS)
                .set(CLIP_EXPORTS.STATUS, status.code())
                .set(CLIP_EXPORTS.SIZE, size)
                .set(CLIP_EXPORTS.REASON, reason)
                .set(CLIP_EXPORTS.UPDATED_AT, OffsetDateTime.now())
                .where(CLIP_EXPORTS.CLIP_ID.eq(clipId))
                .execute();
    }

    private static ClipExport toExport(Record r) {
        return new ClipExport(r.get(CLIP_EXPORTS.CLIP_ID), r.get(CLIP_EXPORTS.RECORDING_ID),
                ClipExport.Status.fromCode(r.get(CLIP_EXPORTS.STATUS)), r.get(CLIP_EXPORTS.START_MS), r.get(CLIP_EXPORTS.END_MS),
                r.get(CLIP_EXPORTS.OBJECT_KEY), Optional.ofNullable(r.get(CLIP_EXPORTS.SIZE)),
                Optional.ofNullable(r.get(CLIP_EXPORTS.REASON)));
    }
}
