package org.lessonloop.annotations;

import static org.lessonloop.db.Tables.ANNOTATION_LABELS;
import static org.lessonloop.db.Tables.COMMENT_MENTIONS;
import static org.lessonloop.db.Tables.GOALS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.TAGS;
import static org.lessonloop.db.Tables.TAG_SETS;
import static org.lessonloop.db.Tables.USERS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** What comments and clips share: the recording they annotate, their labels, the mentions. */
final class AnnotationRepository {
    private final DSLContext db;

    AnnotationRepository(DSLContext db) {
        this.db = db;
    }

    Optional<UUID> ownerOf(UUID recordingId) {
        return db.select(RECORDINGS.OWNER_ID).from(RECORDINGS).where(RECORDINGS.ID.eq(recordingId)).fetchOptional(r -> r.value1());
    }

    Optional<Annotated> annotated(UUID recordingId) {
        return db.select(RECORDINGS.OWNER_ID, USERS.ORGANIZATION_ID, RECORDINGS.TITLE, RECORDINGS.DURATION_MS)
                .from(RECORDINGS).join(USERS).on(USERS.ID.eq(RECORDINGS.OWNER_ID))
                .where(RECORDINGS.ID.eq(recordingId))
                .fetchOptional(r -> new Annotated(recordingId, r.value1(), r.value2(), r.value3(), Optional.ofNullable(r.value4())));
    }

    /** Of these ids, the framework tags of this organization. */
    List<Label> organizationTags(UUID organizationId, Collection<UUID> ids) {
        return db.select(TAGS.ID, TAGS.NAME, TAGS.COLOR)
                .from(TAGS).join(TAG_SETS).on(TAG_SETS.ID.eq(TAGS.TAG_SET_ID))
                .where(TAGS.ID.in(ids).and(TAG_SETS.ORGANIZATION_ID.eq(organizationId)))
                .fetch(r -> new Label(r.value1(), Label.Kind.TAG, r.value2(), r.value3()));
    }

    /** Labels of a recording's comments and clips, by comment or clip id. */
    Map<UUID, List<Label>> labelsOnRecording(UUID recordingId) {
        return labels(ANNOTATION_LABELS.RECORDING_ID.eq(recordingId));
    }

    /** Labels of these comments and clips, by comment or clip id. */
    Map<UUID, List<Label>> labelsOf(Collection<UUID> ids) {
        return labels(ANNOTATION_LABELS.COMMENT_ID.in(ids).or(ANNOTATION_LABELS.CLIP_ID.in(ids)));
    }

    private Map<UUID, List<Label>> labels(Condition which) {
        Map<UUID, List<Label>> byTarget = new HashMap<>();
        db.select(ANNOTATION_LABELS.COMMENT_ID, ANNOTATION_LABELS.CLIP_ID, ANNOTATION_LABELS.TAG_ID, ANNOTATION_LABELS.GOAL_ID,
                        DSL.coalesce(TAGS.NAME, GOALS.STATEMENT), TAGS.COLOR)
                .from(ANNOTATION_LABELS)
                .leftJoin(TAGS).on(TAGS.ID.eq(ANNOTATION_LABELS.TAG_ID))
                .leftJoin(GOALS).on(GOALS.ID.eq(ANNOTATION_LABELS.GOAL_ID))
                .where(which)
                .forEach(r -> {
                    UUID target = r.value1() != null ? r.value1() : r.value2();
                    Label label = r.value3() != null
                            ? new Label(r.value3(), Label.Kind.TAG, r.value5(), r.value6())
                            : new Label(r.value4(), Label.Kind.GOAL, r.value5(), null);
                    byTarget.computeIfAbsent(target, ignored -> new ArrayList<>()).add(label);
                });
        return byTarget;
    }

    /** Of these user ids, those of people of this organization. */
    List<UUID> membersOf(UUID organizationId, Collection<UUID> userIds) {
        return db.select(USERS.ID).from(USERS).where(USERS.ID.in(userIds).and(USERS.ORGANIZATION_ID.eq(organizationId)))
                .fetch(r -> r.value1());
    }

    /** Ids of the comments and clips labelled with this goal. */
    List<UUID> labelledWithGoal(UUID goalId) {
        return db.select(DSL.coalesce(ANNOTATION_LABELS.COMMENT_ID, ANNOTATION_LABELS.CLIP_ID)).from(ANNOTATION_LABELS)
                .where(ANNOTATION_LABELS.GOAL_ID.eq(goalId))
                .fetch(r -> r.value1());
    }

    /** Replaces a comment's (clipId null) or a clip's (commentId null) labels, inside the caller's transaction. */
    static void replaceLabels(DSLContext tx, UUID recordingId, UUID commentId, UUID clipId, List<Label> labels) {
        tx.deleteFrom(ANNOTATION_LABELS)
                .where(commentId != null ? ANNOTATION_LABELS.COMMENT_ID.eq(commentId) : ANNOTATION_LABELS.CLIP_ID.eq(clipId))
                .execute();
        addLabels(tx, recordingId, commentId, clipId, labels);
    }

    /** Labels of a new comment or clip (nothing to replace), inside the caller's transaction. */
    static void addLabels(DSLContext tx, UUID recordingId, UUID commentId, UUID clipId, List<Label> labels) {
        if (labels.isEmpty()) {
            return;
        }
        var insert = tx.insertInto(ANNOTATION_LABELS, ANNOTATION_LABELS.RECORDING_ID, ANNOTATION_LABELS.COMMENT_ID,
                ANNOTATION_LABELS.CLIP_ID, ANNOTATION_LABELS.TAG_ID, ANNOTATION_LABELS.GOAL_ID);
        for (Label label : labels) {
            boolean tag = label.kind() == Label.Kind.TAG;
            insert = insert.values(recordingId, commentId, clipId, tag ? label.id() : null, tag ? null : label.id());
        }
        insert.execute();
    }

    static void replaceMentions(DSLContext tx, UUID commentId, List<UUID> userIds) {
        tx.deleteFrom(COMMENT_MENTIONS).where(COMMENT_MENTIONS.COMMENT_ID.eq(commentId)).execute();
        addMentions(tx, commentId, userIds);
    }

    static void addMentions(DSLContext tx, UUID commentId, List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        var insert = tx.insertInto(COMMENT_MENTIONS, COMMENT_MENTIONS.COMMENT_ID, COMMENT_MENTIONS.USER_ID);
        for (UUID userId : userIds) {
            insert = insert.values(commentId, userId);
        }
        insert.execute();
    }
}
