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
import org.lessonloop.db.tables.records.RecordingsRecord;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.lessonloop.access.AccessRepository;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.storage.StorageClaims;

/** The recordings table. Its status column changes only through {@link #transition}, as {@link Lifecycle} decides. */
public final class RecordingRepository {
    private static final List<String> PROCESSING_STATES = java.util.Arrays.stream(RecordingState.values())
            .filter(state -> state.status() == RecordingStatus.PROCESSING).map(RecordingState::code).toList();

    /** The file every processing run publishes last (media/FfmpegCommands.MASTER). */
    private static final String MASTER_PLAYLIST = "master.m3u8";

    private final DSLContext db;

    public RecordingRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * A recording as a person's list shows it: the caller's access code ("owner", "comment",
     * "view"), the owner's name (a coach sees whose lesson it is), how far an unfinished upload is
     * and, in the owner's list, when the first of its shares with an end lapses.
     */
    public record Visible(Recording recording, String access, String ownerName, Optional<UploadProgress> upload,
                          Optional<OffsetDateTime> firstShareEnd) {
    }

    /** Bytes the server holds of an unfinished upload, so any device can show its percentage. */
    public record UploadProgress(long offset, long length) {
    }

    Recording insert(UUID ownerId, RecordingDetails details) {
        UUID id = UUID.randomUUID();
        db.insertInto(RECORDINGS)
                .set(RECORDINGS.ID, id)
                .set(RECORDINGS.OWNER_ID, ownerId)
                .set(RECORDINGS.TITLE, details.title())
                .set(RECORDINGS.LESSON_DATE, details.lessonDate().orElse(null))
                .set(RECORDINGS.SUBJECT, details.subject().orElse(null))
                .set(RECORDINGS.GRADE, details.grade().orElse(null))
                .set(RECORDINGS.STATUS, RecordingState.AWAITING_UPLOAD.code())
                .execute();
        return find(id).orElseThrow();
    }

    /**
     * What the recordings' rows say about storage: each recording owns its media folder, a stored
     * source must exist, and so must a ready recording's master playlist.
     */
    public StorageClaims storageClaims() {
        StorageClaims.Builder claims = StorageClaims.builder();
        db.select(RECORDINGS.ID, RECORDINGS.SOURCE_KEY, RECORDINGS.STATUS).from(RECORDINGS).fetch().forEach(r -> {
            UUID id = r.value1();
            claims.prefix(Recording.mediaPrefix(id));
            if (r.value2() != null) {
                claims.required(r.value2(), "the source of recording " + id);
            }
            if (RecordingState.READY.code().equals(r.value3())) {
                claims.required(Recording.mediaPrefix(id) + MASTER_PLAYLIST, "the playlist of ready recording " + id);
            }
        });
        return claims.build();
    }

    Optional<Recording> find(UUID id) {
        return db.selectFrom(RECORDINGS).where(RECORDINGS.ID.eq(id)).fetchOptional().map(RecordingRepository::toRecording);
    }

    /** The recordings this user owns, oldest first (shared ones not included). */
    List<Recording> ownedBy(UUID ownerId) {
        return db.selectFrom(RECORDINGS).where(RECORDINGS.OWNER_ID.eq(ownerId)).orderBy(RECORDINGS.CREATED_AT, RECORDINGS.ID)
                .fetch(RecordingRepository::toRecording);
    }

    /** The recordings this user may view, newest first, each with the user's access to it. */
    List<Visible> listVisibleTo(UUID userId) {
        Field<String> access = AccessRepository.accessColumn(userId);
        Field<OffsetDateTime> shareEnd = AccessRepository.firstShareEnd(userId);
        return selectVisible(access, shareEnd)
                .where(AccessRepository.visibleTo(userId))
                .orderBy(RECORDINGS.CREATED_AT.desc())
                .limit(1000)
                .fetch(r -> toVisible(r, access, shareEnd));
    }

    /** One recording as {@link #listVisibleTo} shows it, for a caller whose access is already decided. */
    Optional<Visible> findVisible(UUID id, String access) {
        Field<String> accessField = DSL.inline(access);
        Field<OffsetDateTime> noShareEnd = DSL.inline((OffsetDateTime) null, SQLDataType.TIMESTAMPWITHTIMEZONE);
        return selectVisible(accessField, noShareEnd).where(RECORDINGS.ID.eq(id))
                .fetchOptional(r -> toVisible(r, accessField, noShareEnd));
    }

    /**
     * The upload's offset is read here rather than asked of the upload feature, which depends on
     * this one; a recording has at most one unfinished upload (a unique partial index), so the
     * join never repeats a row.
     */
    private SelectOnConditionStep<Record> selectVisible(Field<String> access, Field<OffsetDateTime> shareEnd) {
        return db.select(RECORDINGS.fields()).select(access, shareEnd, USERS.DISPLAY_NAME, UPLOADS.UPLOAD_OFFSET, UPLOADS.UPLOAD_LENGTH)
                .from(RECORDINGS)
                .join(USERS).on(USERS.ID.eq(RECORDINGS.OWNER_ID))
                .leftJoin(UPLOADS).on(UPLOADS.RECORDING_ID.eq(RECORDINGS.ID).and(UPLOADS.COMPLETED_AT.isNull()));
    }

    private static Visible toVisible(Record r, Field<String> access, Field<OffsetDateTime> shareEnd) {
        Optional<UploadProgress> upload = Optional.ofNullable(r.get(UPLOADS.UPLOAD_LENGTH))
                .map(length -> new UploadProgress(r.get(UPLOADS.UPLOAD_OFFSET), length));
        return new Visible(toRecording(r), r.get(access), r.get(USERS.DISPLAY_NAME), upload, Optional.ofNullable(r.get(shareEnd)));
    }

    void updateDetails(UUID id, RecordingDetails details) {
        db.update(RECORDINGS)
                .set(RECORDINGS.TITLE, details.title())
                .set(RECORDINGS.LESSON_DATE, details.lessonDate().orElse(null))
                .set(RECORDINGS.SUBJECT, details.subject().orElse(null))
                .set(RECORDINGS.GRADE, details.grade().orElse(null))
                .set(RECORDINGS.UPDATED_AT, OffsetDateTime.now())
                .where(RECORDINGS.ID.eq(id))
                .execute();
    }

    /**
     * Stores a transition {@link Lifecycle} decided, with what its event carries, only if the
     * recording is still in {@code from}: the recording as it now is, or empty if it moved
     * meanwhile (or is gone), so of two concurrent moves one is refused.
     */
    Optional<Recording> transition(UUID id, RecordingState from, RecordingState to, LifecycleEvent event) {
        var update = db.update(RECORDINGS)
                .set(RECORDINGS.STATUS, to.code())
                .set(RECORDINGS.STATUS_REASON, event instanceof LifecycleEvent.Failed failed ? failed.reason() : null)
                .set(RECORDINGS.UPDATED_AT, OffsetDateTime.now());
        switch (event) {
            case LifecycleEvent.UploadCompleted completed -> update
                    .set(RECORDINGS.SOURCE_KEY, completed.source().key())
                    .set(RECORDINGS.SOURCE_FILENAME, completed.source().filename())
                    .set(RECORDINGS.SOURCE_SIZE, completed.source().size())
                    .set(RECORDINGS.SOURCE_SHA256, completed.source().sha256());
            // A new attempt clears the previous one's traces.
            case LifecycleEvent.ProcessingStarted started -> clearProgress(update, (short) 0, false);
            case LifecycleEvent.RetryRequested retry -> clearProgress(update, (short) 0, false);
            case LifecycleEvent.Probed probed -> update
                    .set(RECORDINGS.DURATION_MS, probed.durationMs())
                    .set(RECORDINGS.WIDTH, probed.width())
                    .set(RECORDINGS.HEIGHT, probed.height())
                    .set(RECORDINGS.HAS_AUDIO, probed.hasAudio());
            case LifecycleEvent.Published published -> clearProgress(update, (short) 100, true)
                    .set(RECORDINGS.RENDITIONS_AT, OffsetDateTime.now());
            case LifecycleEvent.Failed failed -> clearProgress(update, null, false);
            case LifecycleEvent.UploadStarted started -> { }
            case LifecycleEvent.UploadAbandoned abandoned -> { }
            case LifecycleEvent.Transcoded transcoded -> { }
        }
        return update.where(RECORDINGS.ID.eq(id).and(RECORDINGS.STATUS.eq(from.code())))
                .returning()
                .fetchOptional()
                .map(RecordingRepository::toRecording);
    }

    private static org.jooq.UpdateSetMoreStep<RecordingsRecord> clearProgress(org.jooq.UpdateSetMoreStep<RecordingsRecord> update,
                                                                          Short progress, boolean playable) {
        return update.set(RECORDINGS.PLAYABLE, playable)
                .set(RECORDINGS.PROCESSING_STEP, (String) null)
                .set(RECORDINGS.PROCESSING_PROGRESS, progress);
    }

    /** The step and percentage of the processing under way; nothing once processing has ended. */
    void recordProgress(UUID id, String step, int percent, boolean playable) {
        db.update(RECORDINGS)
                .set(RECORDINGS.PROCESSING_STEP, step)
                .set(RECORDINGS.PROCESSING_PROGRESS, (short) percent)
                .set(RECORDINGS.PLAYABLE, playable)
                .where(RECORDINGS.ID.eq(id).and(RECORDINGS.STATUS.in(PROCESSING_STATES)))
                .execute();
    }

    /** Bytes of finished sources a teacher stores, for the upload quota; an original retention purged is stored no more. */
    long storedBytes(UUID ownerId) {
        Long sum = db.select(org.jooq.impl.DSL.sum(RECORDINGS.SOURCE_SIZE)).from(RECORDINGS)
                .where(RECORDINGS.OWNER_ID.eq(ownerId)).and(RECORDINGS.SOURCE_KEY.isNotNull()).fetchOneInto(Long.class);
        return sum == null ? 0 : sum;
    }

    /** Forgets the stored original's key once retention removed it; false if the row no longer names {@code key}. */
    boolean sourcePurged(UUID id, String key, OffsetDateTime at) {
        return db.update(RECORDINGS).set(RECORDINGS.SOURCE_KEY, (String) null).set(RECORDINGS.SOURCE_PURGED_AT, at)
                .where(RECORDINGS.ID.eq(id).and(RECORDINGS.SOURCE_KEY.eq(key))).execute() == 1;
    }

    /** The owner's explicit "keep": counts as activity for retention. */
    boolean kept(UUID id, OffsetDateTime at) {
        return db.update(RECORDINGS).set(RECORDINGS.KEPT_AT, at).where(RECORDINGS.ID.eq(id)).execute() == 1;
    }

    void delete(UUID id) {
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
                RecordingState.fromCode(r.get(RECORDINGS.STATUS)),
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
