package org.lessonloop.annotations;

import static org.lessonloop.db.Tables.COMMENTS;
import static org.lessonloop.db.Tables.COMMENT_MENTIONS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.lessonloop.access.AccessRepository;
import org.lessonloop.accounts.User;

final class CommentRepository {
    private static final Field<UUID[]> MENTIONS = DSL.field(DSL.select(DSL.arrayAgg(COMMENT_MENTIONS.USER_ID))
            .from(COMMENT_MENTIONS).where(COMMENT_MENTIONS.COMMENT_ID.eq(COMMENTS.ID)));

    private final DSLContext db;

    CommentRepository(DSLContext db) {
        this.db = db;
    }

    /** Comments this user may see: shared ones, and their own private notes. */
    private static Condition visibleTo(UUID userId) {
        return COMMENTS.VISIBILITY.eq(Visibility.SHARED.code()).or(COMMENTS.AUTHOR_ID.eq(userId));
    }

    Optional<Comment> find(UUID id) {
        return list(COMMENTS.ID.eq(id), new AnnotationRepository(db).labelsOf(List.of(id))).stream().findFirst();
    }

    /** A recording's comments this user may see, oldest first, with the given labels attached. */
    List<Comment> onRecordingVisibleTo(UUID recordingId, UUID userId, Map<UUID, List<Label>> labels) {
        return list(COMMENTS.RECORDING_ID.eq(recordingId).and(visibleTo(userId)), labels);
    }

    /** Those of these comments this user may see, on recordings they may view. */
    List<Comment> withIdsVisibleTo(Collection<UUID> ids, UUID userId, Map<UUID, List<Label>> labels) {
        return list(COMMENTS.ID.in(ids).and(visibleTo(userId)).and(COMMENTS.RECORDING_ID.in(
                DSL.select(RECORDINGS.ID).from(RECORDINGS).where(AccessRepository.visibleTo(userId)))), labels);
    }

    private List<Comment> list(Condition where, Map<UUID, List<Label>> labels) {
        return db.select(COMMENTS.fields()).select(USERS.DISPLAY_NAME, MENTIONS)
                .from(COMMENTS).join(USERS).on(USERS.ID.eq(COMMENTS.AUTHOR_ID))
                .where(where)
                .orderBy(COMMENTS.CREATED_AT, COMMENTS.ID)
                .fetch(r -> new Comment(
                        r.get(COMMENTS.ID),
                        r.get(COMMENTS.RECORDING_ID),
                        r.get(COMMENTS.AUTHOR_ID),
                        r.get(USERS.DISPLAY_NAME),
                        Optional.ofNullable(r.get(COMMENTS.PARENT_ID)),
                        Optional.ofNullable(r.get(COMMENTS.START_MS)),
                        Optional.ofNullable(r.get(COMMENTS.END_MS)),
                        Optional.ofNullable(r.get(COMMENTS.BODY)),
                        Visibility.fromCode(r.get(COMMENTS.VISIBILITY)),
                        r.get(COMMENTS.CREATED_AT),
                        Optional.ofNullable(r.get(COMMENTS.EDITED_AT)),
                        r.get(COMMENTS.DELETED_AT) != null,
                        labels.getOrDefault(r.get(COMMENTS.ID), List.of()),
                        r.get(MENTIONS) == null ? List.of() : Arrays.asList(r.get(MENTIONS)),
                        Drawing.fromStored(r.get(COMMENTS.DRAWINGS))));
    }

    /**
     * The comment, its labels and its mentions: all or nothing. Returned as stored, without reading
     * it back: a coach writes many of these in an hour and each should cost one round trip.
     */
    Comment insert(UUID recordingId, User author, Optional<UUID> parentId, Visibility visibility, CommentDraft draft, List<Label> labels) {
        return insert(recordingId, author, parentId, visibility, draft, labels, (tx, commentId) -> { });
    }

    /** As above, with {@code alongside} run in the insert's transaction when it mentions anyone (to queue their mails). */
    Comment insert(UUID recordingId, User author, Optional<UUID> parentId, Visibility visibility, CommentDraft draft, List<Label> labels,
                   java.util.function.BiConsumer<DSLContext, UUID> alongside) {
        UUID id = UUID.randomUUID();
        Function<DSLContext, OffsetDateTime> insertRow = dsl -> dsl.insertInto(COMMENTS)
                .set(COMMENTS.ID, id)
                .set(COMMENTS.RECORDING_ID, recordingId)
                .set(COMMENTS.AUTHOR_ID, author.id())
                .set(COMMENTS.PARENT_ID, parentId.orElse(null))
                .set(COMMENTS.START_MS, draft.startMs().orElse(null))
                .set(COMMENTS.END_MS, draft.endMs().orElse(null))
                .set(COMMENTS.BODY, draft.body())
                .set(COMMENTS.VISIBILITY, visibility.code())
                .set(COMMENTS.DRAWINGS, Drawing.stored(draft.drawings()))
                .returning(COMMENTS.CREATED_AT)
                .fetchSingle()
                .getCreatedAt();
        // One statement is atomic by itself: a transaction only when labels or mentions come with it.
        OffsetDateTime createdAt = labels.isEmpty() && draft.mentions().isEmpty()
                ? insertRow.apply(db)
                : db.transactionResult(tx -> {
                    OffsetDateTime at = insertRow.apply(tx.dsl());
                    AnnotationRepository.addLabels(tx.dsl(), recordingId, id, null, labels);
                    AnnotationRepository.addMentions(tx.dsl(), id, draft.mentions());
                    if (!draft.mentions().isEmpty()) {
                        alongside.accept(tx.dsl(), id);
                    }
                    return at;
                });
        return new Comment(id, recordingId, author.id(), author.displayName(), parentId, draft.startMs(), draft.endMs(),
                Optional.of(draft.body()), visibility, createdAt, Optional.empty(), false, labels, draft.mentions(),
                draft.drawings());
    }

    /** {@code alongside} runs in the update's transaction (to queue the mails of mentions the edit adds). */
    void update(Comment comment, CommentDraft draft, List<Label> labels, java.util.function.Consumer<DSLContext> alongside) {
        db.transaction(tx -> {
            tx.dsl().update(COMMENTS)
                    .set(COMMENTS.START_MS, draft.startMs().orElse(null))
                    .set(COMMENTS.END_MS, draft.endMs().orElse(null))
                    .set(COMMENTS.BODY, draft.body())
                    .set(COMMENTS.DRAWINGS, Drawing.stored(draft.drawings()))
                    .set(COMMENTS.EDITED_AT, OffsetDateTime.now())
                    .where(COMMENTS.ID.eq(comment.id()))
                    .execute();
            AnnotationRepository.replaceLabels(tx.dsl(), comment.recordingId(), comment.id(), null, labels);
            AnnotationRepository.replaceMentions(tx.dsl(), comment.id(), draft.mentions());
            alongside.accept(tx.dsl());
        });
    }

    /** Soft deletion: the thread keeps its place, the words, labels and mentions go. */
    void softDelete(Comment comment) {
        db.transaction(tx -> {
            tx.dsl().update(COMMENTS)
                    .set(COMMENTS.DELETED_AT, OffsetDateTime.now())
                    .setNull(COMMENTS.BODY)
                    .setNull(COMMENTS.DRAWINGS)
                    .where(COMMENTS.ID.eq(comment.id()))
                    .execute();
            AnnotationRepository.replaceLabels(tx.dsl(), comment.recordingId(), comment.id(), null, List.of());
            AnnotationRepository.replaceMentions(tx.dsl(), comment.id(), List.of());
        });
    }
}
