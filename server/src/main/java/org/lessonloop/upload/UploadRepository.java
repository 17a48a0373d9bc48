package org.lessonloop.upload;

import static org.lessonloop.db.Tables.UPLOADS;
import static org.lessonloop.db.Tables.UPLOAD_PARTS;
import static org.lessonloop.db.Tables.USERS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.lessonloop.db.tables.records.UploadsRecord;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.storage.ObjectStore.UploadedPart;
import org.lessonloop.storage.StorageClaims;

final class UploadRepository {
    private final DSLContext db;

    UploadRepository(DSLContext db) {
        this.db = db;
    }

    void insert(Upload upload) {
        try {
            insertRow(upload);
        } catch (IntegrityConstraintViolationException e) {
            throw ProblemException.conflict("Another upload of this recording has just started.");
        }
    }

    private void insertRow(Upload upload) {
        db.insertInto(UPLOADS)
                .set(UPLOADS.ID, upload.id())
                .set(UPLOADS.RECORDING_ID, upload.recordingId())
                .set(UPLOADS.OWNER_ID, upload.ownerId())
                .set(UPLOADS.UPLOAD_LENGTH, upload.length())
                .set(UPLOADS.METADATA, upload.metadata())
                .set(UPLOADS.FILENAME, upload.filename())
                .set(UPLOADS.OBJECT_KEY, upload.objectKey())
                .set(UPLOADS.EXPIRES_AT, upload.expiresAt())
                .execute();
    }

    /**
     * Runs {@code work} in one transaction holding the owner's row lock, so that concurrent
     * creations by one teacher see each other when they check the quota. It gets this repository
     * and the transaction, for the recording's side of the work.
     */
    <T> T lockedForOwner(UUID ownerId, BiFunction<UploadRepository, DSLContext, T> work) {
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.select(USERS.ID).from(USERS).where(USERS.ID.eq(ownerId)).forUpdate().fetch();
            return work.apply(new UploadRepository(t), t);
        });
    }

    Optional<Upload> find(UUID id) {
        return db.selectFrom(UPLOADS).where(UPLOADS.ID.eq(id)).fetchOptional().map(UploadRepository::toUpload);
    }

    List<Upload> unfinishedForRecording(UUID recordingId) {
        return db.selectFrom(UPLOADS)
                .where(UPLOADS.RECORDING_ID.eq(recordingId).and(UPLOADS.COMPLETED_AT.isNull()))
                .fetch(UploadRepository::toUpload);
    }

    /**
     * An unfinished upload names the object it assembles (a single put lands there before the
     * recording does), the multipart upload it fills and its parked tail, which must exist.
     */
    StorageClaims storageClaims() {
        StorageClaims.Builder claims = StorageClaims.builder();
        db.select(UPLOADS.ID, UPLOADS.OBJECT_KEY, UPLOADS.MULTIPART_ID, UPLOADS.TAIL_KEY).from(UPLOADS)
                .where(UPLOADS.COMPLETED_AT.isNull()).fetch().forEach(r -> {
                    claims.key(r.value2());
                    if (r.value3() != null) {
                        claims.multipartUpload(r.value3());
                    }
                    if (r.value4() != null) {
                        claims.required(r.value4(), "the parked tail of unfinished upload " + r.value1());
                    }
                });
        return claims.build();
    }

    List<Upload> expired(OffsetDateTime now) {
        return db.selectFrom(UPLOADS).where(UPLOADS.EXPIRES_AT.lt(now)).limit(500).fetch(UploadRepository::toUpload);
    }

    /** Bytes a teacher has reserved with unfinished uploads (stored sources count separately). */
    long pendingBytes(UUID ownerId) {
        Long pending = db.select(DSL.sum(UPLOADS.UPLOAD_LENGTH)).from(UPLOADS)
                .where(UPLOADS.OWNER_ID.eq(ownerId).and(UPLOADS.COMPLETED_AT.isNull())).fetchOneInto(Long.class);
        return pending == null ? 0 : pending;
    }

    /** How many uploads a teacher has begun and not finished. */
    int unfinishedCount(UUID ownerId) {
        return db.fetchCount(UPLOADS, UPLOADS.OWNER_ID.eq(ownerId).and(UPLOADS.COMPLETED_AT.isNull()));
    }

    /** Takes the upload for one request; false while another request (here or on another node) holds it. */
    boolean acquireLease(UUID id, String holder, Duration length) {
        OffsetDateTime now = OffsetDateTime.now();
        return db.update(UPLOADS)
                .set(UPLOADS.LEASE_OWNER, holder)
                .set(UPLOADS.LEASE_UNTIL, now.plus(length))
                .where(UPLOADS.ID.eq(id).and(UPLOADS.LEASE_UNTIL.isNull().or(UPLOADS.LEASE_UNTIL.lt(now))))
                .execute() == 1;
    }

    void renewLease(UUID id, String holder, Duration length) {
        db.update(UPLOADS)
                .set(UPLOADS.LEASE_UNTIL, OffsetDateTime.now().plus(length))
                .where(UPLOADS.ID.eq(id).and(UPLOADS.LEASE_OWNER.eq(holder)))
                .execute();
    }

    /** At start: a node's previous life cannot be writing any more, so its leases are void. */
    int releaseLeasesOf(String nodePrefix) {
        return db.update(UPLOADS)
                .setNull(UPLOADS.LEASE_OWNER)
                .setNull(UPLOADS.LEASE_UNTIL)
                .where(UPLOADS.LEASE_OWNER.startsWith(nodePrefix))
                .execute();
    }

    void releaseLease(UUID id, String holder) {
        db.update(UPLOADS)
                .setNull(UPLOADS.LEASE_OWNER)
                .setNull(UPLOADS.LEASE_UNTIL)
                .where(UPLOADS.ID.eq(id).and(UPLOADS.LEASE_OWNER.eq(holder)))
                .execute();
    }

    void setMultipartId(UUID id, String holder, String multipartId) {
        guarded(db.update(UPLOADS).set(UPLOADS.MULTIPART_ID, multipartId).where(heldBy(id, holder)).execute());
    }

    /** A part is in storage: record it and move the durable offset to its end (no tail any more). */
    void recordPart(UUID id, String holder, int number, String etag, long size, long newOffset) {
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            progress(t, id, holder, newOffset, null, 0);
            t.insertInto(UPLOAD_PARTS)
                    .set(UPLOAD_PARTS.UPLOAD_ID, id)
                    .set(UPLOAD_PARTS.PART_NUMBER, number)
                    .set(UPLOAD_PARTS.ETAG, etag)
                    .set(UPLOAD_PARTS.SIZE, size)
                    .onConflict(UPLOAD_PARTS.UPLOAD_ID, UPLOAD_PARTS.PART_NUMBER)
                    .doUpdate().set(UPLOAD_PARTS.ETAG, etag).set(UPLOAD_PARTS.SIZE, size)
                    .execute();
        });
    }

    /** The bytes after the last part are parked in a tail object. */
    void recordTail(UUID id, String holder, long newOffset, String tailKey, long tailSize) {
        progress(db, id, holder, newOffset, tailKey, tailSize);
    }

    List<UploadedPart> parts(UUID id) {
        return db.select(UPLOAD_PARTS.PART_NUMBER, UPLOAD_PARTS.ETAG).from(UPLOAD_PARTS)
                .where(UPLOAD_PARTS.UPLOAD_ID.eq(id)).orderBy(UPLOAD_PARTS.PART_NUMBER)
                .fetch(r -> new UploadedPart(r.value1(), r.value2()));
    }

    /**
     * The object of {@code size} bytes is assembled and verified: the upload is done, and
     * {@code recordingSide} (the recording gets its source) commits in the same transaction.
     */
    void complete(UUID id, String holder, long size, Consumer<DSLContext> recordingSide) {
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            guarded(t.update(UPLOADS)
                    .set(UPLOADS.COMPLETED_AT, DSL.currentOffsetDateTime())
                    .set(UPLOADS.UPLOAD_OFFSET, size)
                    .setNull(UPLOADS.MULTIPART_ID)
                    .setNull(UPLOADS.TAIL_KEY)
                    .set(UPLOADS.TAIL_SIZE, 0L)
                    .where(heldBy(id, holder))
                    .execute());
            t.deleteFrom(UPLOAD_PARTS).where(UPLOAD_PARTS.UPLOAD_ID.eq(id)).execute();
            recordingSide.accept(t);
        });
    }

    void extendExpiry(UUID id, OffsetDateTime expiresAt) {
        db.update(UPLOADS).set(UPLOADS.EXPIRES_AT, expiresAt).where(UPLOADS.ID.eq(id)).execute();
    }

    void delete(UUID id) {
        db.deleteFrom(UPLOADS).where(UPLOADS.ID.eq(id)).execute();
    }

    private static void progress(DSLContext t, UUID id, String holder, long offset, String tailKey, long tailSize) {
        guarded(t.update(UPLOADS)
                .set(UPLOADS.UPLOAD_OFFSET, offset)
                .set(UPLOADS.TAIL_KEY, tailKey)
                .set(UPLOADS.TAIL_SIZE, tailSize)
                .set(UPLOADS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(heldBy(id, holder))
                .execute());
    }

    private static Condition heldBy(UUID id, String holder) {
        return UPLOADS.ID.eq(id).and(UPLOADS.LEASE_OWNER.eq(holder));
    }

    /** Progress is written only under the lease: a request that lost it must not overwrite its successor's. */
    private static void guarded(int rows) {
        if (rows != 1) {
            throw new ProblemException.Conflict("Upload taken over",
                    "Another request took over this upload (or it was cancelled). Ask with HEAD and resume from there.");
        }
    }

    private static Upload toUpload(UploadsRecord r) {
        return new Upload(r.getId(), r.getRecordingId(), r.getOwnerId(), r.getUploadLength(), r.getUploadOffset(),
                r.getMetadata(), r.getFilename(), r.getObjectKey(), Optional.ofNullable(r.getMultipartId()),
                Optional.ofNullable(r.getTailKey()), r.getTailSize(), r.getExpiresAt(),
                Optional.ofNullable(r.getCompletedAt()));
    }
}
