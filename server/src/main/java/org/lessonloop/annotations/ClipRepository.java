package org.lessonloop.annotations;

import static org.lessonloop.db.Tables.CLIPS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.lessonloop.access.AccessRepository;

final class ClipRepository {
    private final DSLContext db;

    ClipRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Clip> find(UUID id) {
        return list(CLIPS.ID.eq(id), new AnnotationRepository(db).labelsOf(List.of(id))).stream().findFirst();
    }

    /** A recording's clips, in timeline order, with the given labels attached. */
    List<Clip> onRecording(UUID recordingId, Map<UUID, List<Label>> labels) {
        return list(CLIPS.RECORDING_ID.eq(recordingId), labels);
    }

    /** These clips, in timeline order, with the given labels attached. */
    List<Clip> withIds(Collection<UUID> ids, Map<UUID, List<Label>> labels) {
        return list(CLIPS.ID.in(ids), labels);
    }

    /** Those of these clips that are on a recording this user may view. */
    List<Clip> withIdsVisibleTo(Collection<UUID> ids, UUID userId, Map<UUID, List<Label>> labels) {
        return list(CLIPS.ID.in(ids).and(CLIPS.RECORDING_ID.in(
                DSL.select(RECORDINGS.ID).from(RECORDINGS).where(AccessRepository.visibleTo(userId)))), labels);
    }

    private List<Clip> list(Condition where, Map<UUID, List<Label>> labels) {
        return db.select(CLIPS.fields()).select(USERS.DISPLAY_NAME)
                .from(CLIPS).join(USERS).on(USERS.ID.eq(CLIPS.AUTHOR_ID))
                .where(where)
                .orderBy(CLIPS.START_MS, CLIPS.CREATED_AT)
                .fetch(r -> new Clip(
                        r.get(CLIPS.ID),
                        r.get(CLIPS.RECORDING_ID),
                        r.get(CLIPS.AUTHOR_ID),
                        r.get(USERS.DISPLAY_NAME),
                        r.get(CLIPS.TITLE),
                        Optional.ofNullable(r.get(CLIPS.NOTE)),
                        r.get(CLIPS.START_MS),
                        r.get(CLIPS.END_MS),
                        r.get(CLIPS.CREATED_AT),
                        r.get(CLIPS.UPDATED_AT),
                        labels.getOrDefault(r.get(CLIPS.ID), List.of())));
    }

    UUID insert(UUID recordingId, UUID authorId, ClipDraft draft, List<Label> labels) {
        UUID id = UUID.randomUUID();
        db.transaction(tx -> {
            tx.dsl().insertInto(CLIPS)
                    .set(CLIPS.ID, id)
                    .set(CLIPS.RECORDING_ID, recordingId)
                    .set(CLIPS.AUTHOR_ID, authorId)
                    .set(CLIPS.TITLE, draft.title())
                    .set(CLIPS.NOTE, draft.note().orElse(null))
                    .set(CLIPS.START_MS, draft.startMs())
                    .set(CLIPS.END_MS, draft.endMs())
                    .execute();
            AnnotationRepository.addLabels(tx.dsl(), recordingId, null, id, labels);
        });
        return id;
    }

    void update(Clip clip, ClipDraft draft, List<Label> labels) {
        db.transaction(tx -> {
            tx.dsl().update(CLIPS)
                    .set(CLIPS.TITLE, draft.title())
                    .set(CLIPS.NOTE, draft.note().orElse(null))
                    .set(CLIPS.START_MS, draft.startMs())
                    .set(CLIPS.END_MS, draft.endMs())
                    .set(CLIPS.UPDATED_AT, OffsetDateTime.now())
                    .where(CLIPS.ID.eq(clip.id()))
                    .execute();
            AnnotationRepository.replaceLabels(tx.dsl(), clip.recordingId(), null, clip.id(), labels);
        });
    }

    void delete(UUID id) {
        db.deleteFrom(CLIPS).where(CLIPS.ID.eq(id)).execute();
    }
}
