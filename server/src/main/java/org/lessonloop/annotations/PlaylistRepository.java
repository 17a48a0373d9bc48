package org.lessonloop.annotations;

import static org.lessonloop.db.Tables.CLIP_PLAYLISTS;
import static org.lessonloop.db.Tables.CLIP_PLAYLIST_ITEMS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

final class PlaylistRepository {
    private final DSLContext db;

    PlaylistRepository(DSLContext db) {
        this.db = db;
    }

    /** A playlist's own row: who made it, whose recordings it draws on, its title. */
    record Playlist(UUID id, UUID ownerId, UUID teacherId, String title, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    UUID insert(UUID ownerId, UUID teacherId, String title, List<UUID> clipIds) {
        UUID id = UUID.randomUUID();
        db.transaction(tx -> {
            tx.dsl().insertInto(CLIP_PLAYLISTS).set(CLIP_PLAYLISTS.ID, id).set(CLIP_PLAYLISTS.OWNER_ID, ownerId)
                    .set(CLIP_PLAYLISTS.TEACHER_ID, teacherId).set(CLIP_PLAYLISTS.TITLE, title).execute();
            writeItems(tx.dsl(), id, clipIds);
        });
        return id;
    }

    void update(UUID id, String title, List<UUID> clipIds) {
        db.transaction(tx -> {
            tx.dsl().update(CLIP_PLAYLISTS).set(CLIP_PLAYLISTS.TITLE, title).set(CLIP_PLAYLISTS.UPDATED_AT, OffsetDateTime.now())
                    .where(CLIP_PLAYLISTS.ID.eq(id)).execute();
            tx.dsl().deleteFrom(CLIP_PLAYLIST_ITEMS).where(CLIP_PLAYLIST_ITEMS.PLAYLIST_ID.eq(id)).execute();
            writeItems(tx.dsl(), id, clipIds);
        });
    }

    /** The playlist, if this user made it or it is made of their recordings. */
    Optional<Playlist> find(UUID id, UUID memberId) {
        return db.selectFrom(CLIP_PLAYLISTS)
                .where(CLIP_PLAYLISTS.ID.eq(id).and(CLIP_PLAYLISTS.OWNER_ID.eq(memberId).or(CLIP_PLAYLISTS.TEACHER_ID.eq(memberId))))
                .fetchOptional(PlaylistRepository::toPlaylist);
    }

    List<Playlist> list(UUID memberId) {
        return db.selectFrom(CLIP_PLAYLISTS)
                .where(CLIP_PLAYLISTS.OWNER_ID.eq(memberId).or(CLIP_PLAYLISTS.TEACHER_ID.eq(memberId)))
                .orderBy(CLIP_PLAYLISTS.UPDATED_AT.desc())
                .limit(1000)
                .fetch(PlaylistRepository::toPlaylist);
    }

    /** The clip ids in playing order. */
    List<UUID> clipIds(UUID playlistId) {
        return db.select(CLIP_PLAYLIST_ITEMS.CLIP_ID).from(CLIP_PLAYLIST_ITEMS)
                .where(CLIP_PLAYLIST_ITEMS.PLAYLIST_ID.eq(playlistId))
                .orderBy(CLIP_PLAYLIST_ITEMS.POSITION)
                .fetch(CLIP_PLAYLIST_ITEMS.CLIP_ID);
    }

    void delete(UUID id) {
        db.deleteFrom(CLIP_PLAYLISTS).where(CLIP_PLAYLISTS.ID.eq(id)).execute();
    }

    private static Playlist toPlaylist(org.lessonloop.db.tables.records.ClipPlaylistsRecord r) {
        return new Playlist(r.getId(), r.getOwnerId(), r.getTeacherId(), r.getTitle(), r.getCreatedAt(), r.getUpdatedAt());
    }

    private static void writeItems(DSLContext tx, UUID playlistId, List<UUID> clipIds) {
        var insert = tx.insertInto(CLIP_PLAYLIST_ITEMS, CLIP_PLAYLIST_ITEMS.PLAYLIST_ID, CLIP_PLAYLIST_ITEMS.POSITION, CLIP_PLAYLIST_ITEMS.CLIP_ID);
        for (int i = 0; i < clipIds.size(); i++) {
            insert = insert.values(playlistId, i, clipIds.get(i));
        }
        insert.execute();
    }
}
