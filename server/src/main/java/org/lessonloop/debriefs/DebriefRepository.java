package org.lessonloop.debriefs;

import static org.lessonloop.db.Tables.DEBRIEFS;
import static org.lessonloop.db.Tables.DEBRIEF_COMMENTS;
import static org.lessonloop.db.Tables.DEBRIEF_ITEMS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.lessonloop.access.AccessRepository;
import org.lessonloop.db.tables.records.DebriefsRecord;

final class DebriefRepository {
    private final DSLContext db;

    DebriefRepository(DSLContext db) {
        this.db = db;
    }

    /** A new room's own facts, before it has state. */
    record NewRoom(String title, UUID createdBy, UUID teacherId, Optional<UUID> recordingId, Optional<UUID> playlistId,
                   List<Item> items, Optional<OffsetDateTime> scheduledAt, boolean presenterMode) {
    }

    UUID insert(NewRoom room) {
        UUID id = UUID.randomUUID();
        db.transaction(tx -> {
            tx.dsl().insertInto(DEBRIEFS)
                    .set(DEBRIEFS.ID, id)
                    .set(DEBRIEFS.TITLE, room.title())
                    .set(DEBRIEFS.CREATED_BY, room.createdBy())
                    .set(DEBRIEFS.TEACHER_ID, room.teacherId())
                    .set(DEBRIEFS.RECORDING_ID, room.recordingId().orElse(null))
                    .set(DEBRIEFS.PLAYLIST_ID, room.playlistId().orElse(null))
                    .set(DEBRIEFS.SCHEDULED_AT, room.scheduledAt().orElse(null))
                    .set(DEBRIEFS.PRESENTER_MODE, room.presenterMode())
                    // In presenter mode the maker presents first, and hands over when they like.
                    .set(DEBRIEFS.PRESENTER_ID, room.presenterMode() ? room.createdBy() : null)
                    .set(DEBRIEFS.POSITION_MS, room.items().getFirst().startMs())
                    .execute();
            var insert = tx.dsl().insertInto(DEBRIEF_ITEMS, DEBRIEF_ITEMS.DEBRIEF_ID, DEBRIEF_ITEMS.POSITION, DEBRIEF_ITEMS.RECORDING_ID,
                    DEBRIEF_ITEMS.CLIP_ID, DEBRIEF_ITEMS.TITLE, DEBRIEF_ITEMS.START_MS, DEBRIEF_ITEMS.END_MS);
            for (Item item : room.items()) {
                insert = insert.values(id, item.index(), item.recordingId(), item.clipId().orElse(null), item.title(), item.startMs(),
                        item.endMs().orElse(null));
            }
            insert.execute();
        });
        return id;
    }

    Optional<Debrief> find(UUID id) {
        return find(db, id, false);
    }

    /** Rooms not ended whose every recording this user may view, soonest first. */
    List<Debrief> openFor(UUID userId) {
        var hidden = DSL.selectOne().from(DEBRIEF_ITEMS).where(DEBRIEF_ITEMS.DEBRIEF_ID.eq(DEBRIEFS.ID)
                .and(DEBRIEF_ITEMS.RECORDING_ID.notIn(DSL.select(RECORDINGS.ID).from(RECORDINGS).where(AccessRepository.visibleTo(userId)))));
        List<UUID> ids = db.select(DEBRIEFS.ID).from(DEBRIEFS)
                .where(DEBRIEFS.ENDED_AT.isNull().and(DSL.notExists(hidden)))
                .orderBy(DSL.coalesce(DEBRIEFS.SCHEDULED_AT, DEBRIEFS.CREATED_AT))
                .limit(200)
                .fetch(DEBRIEFS.ID);
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** What a command decided, or the state it was stale against. */
    record Applied(Debrief before, RoomState state, boolean stale) {
    }

    /**
     * The room's row locked, the next state decided from the current one, then written with
     * {@code seq + 1} (UPDATE … RETURNING): commands of one room are put in one order by
     * PostgreSQL, whichever node they reached. A playing command marks its item watched.
     */
    Optional<Applied> apply(UUID id, Optional<Long> basedOnSeq, java.util.function.Function<Debrief, RoomState> decide) {
        return db.transactionResult(tx -> {
            Optional<Debrief> locked = find(tx.dsl(), id, true);
            if (locked.isEmpty() || locked.get().ended()) {
                return locked.map(room -> new Applied(room, room.state(), true));
            }
            Debrief room = locked.get();
            if (basedOnSeq.isPresent() && basedOnSeq.get() < room.state().seq()) {
                return Optional.of(new Applied(room, room.state(), true));
            }
            RoomState next = decide.apply(room);
            long seq = tx.dsl().update(DEBRIEFS)
                    .set(DEBRIEFS.SEQ, DEBRIEFS.SEQ.plus(1))
                    .set(DEBRIEFS.ITEM, next.item())
                    .set(DEBRIEFS.POSITION_MS, next.positionMs())
                    .set(DEBRIEFS.AT_SERVER_TIME, next.atServerTime())
                    .set(DEBRIEFS.PAUSED, next.paused())
                    .set(DEBRIEFS.RATE, next.rate())
                    .set(DEBRIEFS.DRIVEN_BY, next.drivenBy().orElse(null))
                    .set(DEBRIEFS.STARTED_AT, DSL.coalesce(DEBRIEFS.STARTED_AT, DSL.currentOffsetDateTime()))
                    .where(DEBRIEFS.ID.eq(id))
                    .returning(DEBRIEFS.SEQ)
                    .fetchSingle(DEBRIEFS.SEQ);
            if (!next.paused()) {
                tx.dsl().update(DEBRIEF_ITEMS).set(DEBRIEF_ITEMS.WATCHED, true)
                        .where(DEBRIEF_ITEMS.DEBRIEF_ID.eq(id).and(DEBRIEF_ITEMS.POSITION.eq(next.item()))).execute();
            }
            return Optional.of(new Applied(room, new RoomState(seq, next.item(), next.positionMs(), next.atServerTime(), next.paused(),
                    next.rate(), next.drivenBy()), false));
        });
    }

    /** Hands presenting over if {@code from} still presents (or nobody does); false otherwise. */
    boolean handOver(UUID id, Optional<UUID> from, Optional<UUID> to) {
        var presenter = from.map(DEBRIEFS.PRESENTER_ID::eq).orElse(DEBRIEFS.PRESENTER_ID.isNull());
        return db.update(DEBRIEFS).set(DEBRIEFS.PRESENTER_ID, to.orElse(null))
                .where(DEBRIEFS.ID.eq(id).and(DEBRIEFS.ENDED_AT.isNull()).and(presenter)).execute() == 1;
    }

    void commented(UUID id, UUID commentId, int drawings) {
        db.insertInto(DEBRIEF_COMMENTS).set(DEBRIEF_COMMENTS.DEBRIEF_ID, id).set(DEBRIEF_COMMENTS.COMMENT_ID, commentId)
                .set(DEBRIEF_COMMENTS.DRAWINGS, drawings).execute();
    }

    /** What the room did: the items played, comments made in it and the shapes they carry. */
    record Tally(List<Item> watched, int comments, int drawings) {
    }

    /** Ends the room with its summary, once: empty when it had already ended (or is gone). */
    Optional<Tally> end(UUID id, java.util.function.Function<Tally, String> summaryJson) {
        return db.transactionResult(tx -> {
            Optional<Debrief> room = find(tx.dsl(), id, true);
            if (room.isEmpty() || room.get().ended()) {
                return Optional.empty();
            }
            Map<Integer, Boolean> watched = tx.dsl().select(DEBRIEF_ITEMS.POSITION, DEBRIEF_ITEMS.WATCHED).from(DEBRIEF_ITEMS)
                    .where(DEBRIEF_ITEMS.DEBRIEF_ID.eq(id)).fetchMap(DEBRIEF_ITEMS.POSITION, DEBRIEF_ITEMS.WATCHED);
            var counts = tx.dsl().select(DSL.count(), DSL.coalesce(DSL.sum(DEBRIEF_COMMENTS.DRAWINGS), DSL.inline(java.math.BigDecimal.ZERO)))
                    .from(DEBRIEF_COMMENTS).where(DEBRIEF_COMMENTS.DEBRIEF_ID.eq(id)).fetchSingle();
            Tally tally = new Tally(room.get().items().stream().filter(i -> watched.getOrDefault(i.index(), false)).toList(),
                    counts.value1(), counts.value2().intValue());
            tx.dsl().update(DEBRIEFS).set(DEBRIEFS.ENDED_AT, DSL.currentOffsetDateTime()).set(DEBRIEFS.SUMMARY, summaryJson.apply(tally))
                    .set(DEBRIEFS.PAUSED, true).where(DEBRIEFS.ID.eq(id)).execute();
            return Optional.of(tally);
        });
    }

    private static Optional<Debrief> find(DSLContext dsl, UUID id, boolean lock) {
        var select = dsl.select(DEBRIEFS.fields()).select(USERS.DISPLAY_NAME).from(DEBRIEFS).join(USERS).on(USERS.ID.eq(DEBRIEFS.CREATED_BY))
                .where(DEBRIEFS.ID.eq(id));
        Optional<Record> row = (lock ? select.forUpdate().of(DEBRIEFS) : select).fetchOptional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<Item> items = dsl.selectFrom(DEBRIEF_ITEMS).where(DEBRIEF_ITEMS.DEBRIEF_ID.eq(id)).orderBy(DEBRIEF_ITEMS.POSITION)
                .fetch(i -> new Item(i.getPosition(), i.getRecordingId(), Optional.ofNullable(i.getClipId()), i.getTitle(), i.getStartMs(),
                        Optional.ofNullable(i.getEndMs())));
        if (items.isEmpty()) {
            return Optional.empty(); // its recordings were deleted: nothing is left to review
        }
        DebriefsRecord r = row.get().into(DEBRIEFS);
        var state = new RoomState(r.getSeq(), r.getItem(), r.getPositionMs(), r.getAtServerTime(), r.getPaused(), r.getRate(),
                Optional.ofNullable(r.getDrivenBy()));
        return Optional.of(new Debrief(r.getId(), r.getTitle(), r.getCreatedBy(), row.get().get(USERS.DISPLAY_NAME), r.getTeacherId(),
                Optional.ofNullable(r.getRecordingId()), Optional.ofNullable(r.getPlaylistId()), items,
                Optional.ofNullable(r.getScheduledAt()), Optional.ofNullable(r.getStartedAt()), Optional.ofNullable(r.getEndedAt()),
                r.getPresenterMode(), Optional.ofNullable(r.getPresenterId()), state, Optional.ofNullable(r.getSummary())));
    }
}
