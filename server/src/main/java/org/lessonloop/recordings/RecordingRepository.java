package org.lessonloop.recordings;

import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.UPLOADS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.lessonloop.problems.ProblemException;

public final class RecordingRepository {
    private final DSLContext db;

    public RecordingRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * A recording as a person's list shows it: the caller's access code ("owner", "comment",
     * "view"), the owner's name (a coach sees whose lesson it is) and how far an unfinished upload is.
     */
    public record Visible(Recording recording, String access, String ownerName, Optional<UploadProgress> upload) {
    }

    /** Bytes the server holds of an unfinished upload, so any device can show its percentage. */
    public record UploadProgress(long offset, long length) {
    }

    public Recording insert(UUID ownerId, RecordingDetails details) {
        UUID id = UUID.randomUUID();
        db.insertInto(RECORDINGS)
                .set(RECORDINGS.ID, id)
                .set(RECORDINGS.OWNER_ID, ownerId)
                .set(RECORDINGS.TITLE, details.title())
                .set(RECORDINGS.LESSON_DATE, details.lessonDate().orElse(null))
                .set(RECORDINGS.SUBJECT, details.subject().orElse(null))
                .set(RECORDINGS.GRADE, details.grade().orElse(null))
                .set(RECORDINGS.STATUS, RecordingStatus.AWAITING_UPLOAD.code())
                .execute();
        return find(id).orElseThrow();
    }

    public Optional<Recording> find(UUID id) {
        return db.selectFrom(RECORDINGS).where(RECORDINGS.ID.eq(id)).fetchOptional().map(RecordingRepository::toRecording);
    }

    public List<Visible> listVisible(Condition visible, Field<String> access) {
        return selectVisible(access)
                .where(visible)
                .orderBy(RECORDINGS.CREATED_AT.desc())
                .limit(1000)
                .fetch(r -> toVisible(r, access));
    }

    /** One recording as {@link #listVisible} shows it, for a caller whose access is already decided. */
    public Optional<Visible> findVisible(UUID id, String access) {
        Field<String> accessField = DSL.inline(access);
        return selectVisible(accessField).where(RECORDINGS.ID.eq(id)).fetchOptional(r -> toVisible(r, accessField));
    }

    /**
     * The upload's offset is read here rather than asked of the upload feature, which depends on
     * this one; a recording has at most one unfinished upload (a unique partial index), so the
     * join never repeats a row.
     */
    private SelectOnConditionStep<Record> selectVisible(Field<String> access) {
        return db.select(RECORDINGS.fields()).select(access, USERS.DISPLAY_NAME, UPLOADS.UPLOAD_OFFSET, UPLOADS.UPLOAD_LENGTH)
                .from(RECORDINGS)
                .join(USERS).on(USERS.ID.eq(RECORDINGS.OWNER_ID))
                .leftJoin(UPLOADS).on(UPLOADS.RECORDING_ID.eq(RECORDINGS.ID).and(UPLOADS.COMPLETED_AT.isNull()));
    }

    private static Visible toVisible(Record r, Field<String> access) {
        Optional<UploadProgress> upload = Optional.ofNullable(r.get(UPLOADS.UPLOAD_LENGTH))
                .map(length -> new UploadProgress(r.get(UPLOADS.UPLOAD_OFFSET), length));
        return new Visible(toRecording(r), r.get(access), r.get(USERS.DISPLAY_NAME), upload);
    }

    public void updateDetails(UUID id, RecordingDetails details) {
        db.update(RECORDINGS)
                .set(RECORDINGS.TITLE, details.title())
                .set(RECORDINGS.LESSON_DATE, details.lessonDate().orElse(null))
                .set(RECORDINGS.SUBJECT, details.subject().orElse(null))
                .set(RECORDINGS.GRADE, details.grade().orElse(null))
                .set(RECORDINGS.UPDATED_AT, OffsetDateTime.now())
                .where(RECORDINGS.ID.eq(id))
                .execute();
    }

    /** Moves the status only along the lifecycle; a concurrent change makes this a 409. */
    public void moveStatus(UUID id, RecordingStatus next, String reason) {
        Recording current = find(id).orElseThrow(() -> ProblemException.notFound("There is no such recording."));
        if (current.status() == next) {
            return;
        }
        if (!current.status().canMoveTo(next)) {
            throw ProblemException.conflict("The recording is " + current.status().code() + " and cannot become " + next.code() + ".");
        }
        int changed = db.update(RECORDINGS)
                .set(RECORDINGS.STATUS, next.code())
                .set(RECORDINGS.STATUS_REASON, reason)
                .set(RECORDINGS.UPDATED_AT, OffsetDateTime.now())
                .where(RECORDINGS.ID.eq(id).and(RECORDINGS.STATUS.eq(current.status().code())))
                .execute();
        if (changed == 0) {
            throw ProblemException.conflict("The recording changed meanwhile; try again.");
        }
    }

    /** Only an uploading recording gets its source; false when it is in any other state. */
    public boolean markUploaded(UUID id, Recording.Source source) {
        return db.update(RECORDINGS)
                .set(RECORDINGS.STATUS, RecordingStatus.UPLOADED.code())
                .set(RECORDINGS.STATUS_REASON, (String) null)
                .set(RECORDINGS.SOURCE_KEY, source.key())
                .set(RECORDINGS.SOURCE_FILENAME, source.filename())
                .set(RECORDINGS.SOURCE_SIZE, source.size())
                .set(RECORDINGS.SOURCE_SHA256, source.sha256())
                .set(RECORDINGS.UPDATED_AT, OffsetDateTime.now())
                .where(RECORDINGS.ID.eq(id).and(RECORDINGS.STATUS.eq(RecordingStatus.UPLOADING.code())))
                .execute() == 1;
    }

    /**
     * Starts (or restarts) processing: from uploaded, failed or ready to processing, with the
     * previous outputs' traces cleared. False if the recording is not in a state to process.
     */
    public boolean markProcessing(UUID id) {
        return db.update(RECORDINGS)
                .set(RECORDINGS.STATUS, RecordingStatus.PROCESSING.code())
                .set(RECORDINGS.STATUS_REASON, (String) null)
                .set(RECORDINGS.PLAYABLE, false)
                .set(RECORDINGS.PROCESSING_STEP, (String) null)
                .set(RECORDINGS.PROCESSING_PROGRESS, (short) 0)
                .set(RECORDINGS.UPDATED_AT, OffsetDateTime.now())
                .where(RECORDINGS.ID.eq(id).and(RECORDINGS.STATUS.in(RecordingStatus.PROCESSING.code(),
                        RecordingStatus.UPLOADED.code(), RecordingStatus.FAILED.code(), RecordingStatus.READY.code())))
                .execute() == 1;
    }

    public void recordProbe(UUID id, long durationMs, int width, int height, boolean hasAudio) {
        db.update(RECORDINGS)
                .set(RECORDINGS.DURATION_MS, durationMs)
                .set(RECORDINGS.WIDTH, width)
                .set(RECORDINGS.HEIGHT, height)
                .set(RECORDINGS.HAS_AUDIO, hasAudio)
                .where(RECORDINGS.ID.eq(id))
                .execute();
    }

    public void recordProgress(UUID id, String step, int percent, boolean playable) {
        db.update(RECORDINGS)
                .set(RECORDINGS.PROCESSING_STEP, step)
                .set(RECORDINGS.PROCESSING_PROGRESS, (short) percent)
                .set(RECORDINGS.PLAYABLE, playable)
                .where(RECORDINGS.ID.eq(id).and(RECORDINGS.STATUS.eq(RecordingStatus.PROCESSING.code())))
                .execute();
    }

    /** Ends processing: ready (playable, 100 %) or failed with a reason; only from processing. */
    public boolean finishProcessing(UUID id, RecordingStatus outcome, String reason) {
        if (!RecordingStatus.PROCESSING.canMoveTo(outcome)) {
            throw new IllegalArgumentException("Processing cannot end as " + outcome);
        }
        boolean ready = outcome == RecordingStatus.READY;
        return db.update(RECORDINGS)
                .set(RECORDINGS.STATUS, outcome.code())
                .set(RECORDINGS.STATUS_REASON, reason)
                .set(RECORDINGS.PLAYABLE, ready)
                .set(RECORDINGS.PROCESSING_STEP, (String) null)
                .set(RECORDINGS.PROCESSING_PROGRESS, ready ? (short) 100 : null)
                .set(RECORDINGS.UPDATED_AT, OffsetDateTime.now())
                .where(RECORDINGS.ID.eq(id).and(RECORDINGS.STATUS.eq(RecordingStatus.PROCESSING.code())))
                .execute() == 1;
    }

    /** Bytes of finished sources a teacher stores, for the upload quota. */
    public long storedBytes(UUID ownerId) {
        Long sum = db.select(org.jooq.impl.DSL.sum(RECORDINGS.SOURCE_SIZE)).from(RECORDINGS)
                .where(RECORDINGS.OWNER_ID.eq(ownerId)).fetchOneInto(Long.class);
        return sum == null ? 0 : sum;
    }

    public void delete(UUID id) {
        db.deleteFrom(RECORDINGS).where(RECORDINGS.ID.eq(id)).execute();
    }

    private static Recording toRecording(Record r) {
        Optional<Recording.Source> source = Optional.ofNullable(r.get(RECORDINGS.SOURCE_KEY)).map(key -> new Recording.Source(
                key, r.get(RECORDINGS.SOURCE_FILENAME), r.get(RECORDINGS.SOURCE_SIZE), r.get(RECORDINGS.SOURCE_SHA256)));
        return new Recording(
                r.get(RECORDINGS.ID),
                r.get(RECORDINGS.OWNER_ID),
                r.get(RECORDINGS.TITLE),
                Optional.ofNullable(r.get(RECORDINGS.LESSON_DATE)),
                Optional.ofNullable(r.get(RECORDINGS.SUBJECT)),
                Optional.ofNullable(r.get(RECORDINGS.GRADE)),
                RecordingStatus.fromCode(r.get(RECORDINGS.STATUS)),
                Optional.ofNullable(r.get(RECORDINGS.STATUS_REASON)),
                source,
                new Recording.Media(
                        Optional.ofNullable(r.get(RECORDINGS.DURATION_MS)),
                        Optional.ofNullable(r.get(RECORDINGS.WIDTH)),
                        Optional.ofNullable(r.get(RECORDINGS.HEIGHT)),
                        Optional.ofNullable(r.get(RECORDINGS.HAS_AUDIO)),
                        r.get(RECORDINGS.PLAYABLE),
                        Optional.ofNullable(r.get(RECORDINGS.PROCESSING_STEP)),
                        Optional.ofNullable(r.get(RECORDINGS.PROCESSING_PROGRESS)).map(Short::intValue)),
                r.get(RECORDINGS.CREATED_AT),
                r.get(RECORDINGS.UPDATED_AT));
    }
}
