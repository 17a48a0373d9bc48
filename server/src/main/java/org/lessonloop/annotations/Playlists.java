package org.lessonloop.annotations;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.problems.ProblemException;

/**
 * Clip playlists for a debrief: ordered clips, possibly from several recordings of one teacher.
 * Its maker and that teacher see it; each reader sees only the clips they may view right now, so a
 * revoked share empties a coach's playlist at once.
 */
@FeatureApi
public final class Playlists {
    private final PlaylistRepository playlists;
    private final ClipRepository clips;
    private final AnnotationRepository annotations;
    private final AnnotationChecks checks;

    Playlists(PlaylistRepository playlists, ClipRepository clips, AnnotationRepository annotations, AnnotationChecks checks) {
        this.playlists = playlists;
        this.clips = clips;
        this.annotations = annotations;
        this.checks = checks;
    }

    public record Playlist(PlaylistRepository.Playlist playlist, List<Clip> clips) {
        public String title() {
            return playlist.title();
        }

        /** The teacher whose recordings the clips are from. */
        public UUID teacherId() {
            return playlist.teacherId();
        }
    }

    public Playlist create(CurrentUser me, String title, List<UUID> clipIds) {
        UUID teacherId = teacherOf(me, clipIds);
        return get(me, playlists.insert(me.id(), teacherId, title, clipIds));
    }

    public List<PlaylistRepository.Playlist> list(CurrentUser me) {
        return playlists.list(me.id());
    }

    public Playlist get(CurrentUser me, UUID playlistId) {
        PlaylistRepository.Playlist playlist = member(me, playlistId);
        List<UUID> ids = playlists.clipIds(playlistId);
        Predicate<UUID> viewable = viewable(me);
        Map<UUID, Clip> found = clips.withIds(ids, annotations.labelsOf(ids)).stream()
                .filter(c -> viewable.test(c.recordingId()))
                .collect(Collectors.toMap(Clip::id, Function.identity()));
        return new Playlist(playlist, ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList());
    }

    /** Its maker retitles or reorders it; the clips must stay of the same teacher. */
    public Playlist update(CurrentUser me, UUID playlistId, Optional<String> title, Optional<List<UUID>> clipIds) {
        PlaylistRepository.Playlist playlist = maker(me, playlistId);
        List<UUID> ids = clipIds.orElseGet(() -> playlists.clipIds(playlistId));
        if (clipIds.isPresent() && !teacherOf(me, ids).equals(playlist.teacherId())) {
            throw ProblemException.invalid("'clipIds': a playlist keeps to the recordings of one teacher.");
        }
        playlists.update(playlistId, title.orElse(playlist.title()), ids);
        return get(me, playlistId);
    }

    public void delete(CurrentUser me, UUID playlistId) {
        maker(me, playlistId);
        playlists.delete(playlistId);
    }

    /** The one teacher whose recordings all these clips are from; each clip must be visible to the caller. */
    private UUID teacherOf(CurrentUser me, List<UUID> clipIds) {
        if (clipIds.isEmpty()) {
            throw ProblemException.invalid("'clipIds' must name at least one clip.");
        }
        Predicate<UUID> viewable = viewable(me);
        Map<UUID, UUID> recordingOf = clips.withIds(clipIds, Map.of()).stream()
                .filter(c -> viewable.test(c.recordingId()))
                .collect(Collectors.toMap(Clip::id, Clip::recordingId));
        Set<UUID> teachers = new HashSet<>();
        Map<UUID, UUID> ownerOf = new HashMap<>();
        for (UUID clipId : clipIds) {
            UUID recordingId = recordingOf.get(clipId);
            if (recordingId == null) {
                throw ProblemException.invalid("'clipIds': there is no clip " + clipId + " that you can see.");
            }
            teachers.add(ownerOf.computeIfAbsent(recordingId, id -> annotations.ownerOf(id).orElseThrow()));
        }
        if (teachers.size() > 1) {
            throw ProblemException.invalid("'clipIds': a playlist draws on the recordings of one teacher only.");
        }
        return teachers.iterator().next();
    }

    /** Whether the caller may view a recording, asked once per recording however many clips it has. */
    private Predicate<UUID> viewable(CurrentUser me) {
        Map<UUID, Boolean> known = new HashMap<>();
        return recordingId -> known.computeIfAbsent(recordingId, id -> checks.canView(me, id));
    }

    private PlaylistRepository.Playlist member(CurrentUser me, UUID playlistId) {
        return playlists.find(playlistId, me.id())
                .orElseThrow(() -> ProblemException.notFound("There is no such playlist, or it is not yours to see."));
    }

    private PlaylistRepository.Playlist maker(CurrentUser me, UUID playlistId) {
        PlaylistRepository.Playlist playlist = member(me, playlistId);
        if (!playlist.ownerId().equals(me.id())) {
            throw ProblemException.forbidden("Only the person who made this playlist can change or delete it.");
        }
        return playlist;
    }
}
