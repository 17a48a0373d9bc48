package org.lessonloop.debriefs;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.access.Access;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.annotations.Clip;
import org.lessonloop.annotations.Playlists;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * Rooms: made by the teacher or a coach who may comment on everything in them; open to whoever the
 * access policy lets view all of it, checked again at every join and command. Others get 404.
 */
final class Debriefs {
    static final String NOT_FOUND = "There is no such debrief, or it is not yours to join.";

    private final DebriefRepository rooms;
    private final AccessPolicy policy;
    private final RecordingLifecycle recordings;
    private final Playlists playlists;

    Debriefs(DebriefRepository rooms, AccessPolicy policy, RecordingLifecycle recordings, Playlists playlists) {
        this.rooms = rooms;
        this.policy = policy;
        this.recordings = recordings;
        this.playlists = playlists;
    }

    /** What a room is made for: one recording or one playlist. */
    record Request(Optional<UUID> recordingId, Optional<UUID> playlistId, Optional<String> title, Optional<OffsetDateTime> scheduledAt,
                   boolean presenterMode) {
    }

    Debrief create(CurrentUser me, Request request) {
        DebriefRepository.NewRoom room = request.recordingId().isPresent()
                ? forRecording(me, request.recordingId().get(), request)
                : forPlaylist(me, request.playlistId().orElseThrow(), request);
        return rooms.find(rooms.insert(room)).orElseThrow();
    }

    private DebriefRepository.NewRoom forRecording(CurrentUser me, UUID recordingId, Request request) {
        policy.require(me, recordingId, Permission.COMMENT);
        Recording recording = recordings.find(recordingId).orElseThrow(() -> ProblemException.notFound(NOT_FOUND));
        var item = new Item(0, recordingId, Optional.empty(), recording.title(), 0, recording.media().durationMs());
        return new DebriefRepository.NewRoom(request.title().orElse(recording.title()), me.id(), recording.ownerId(), Optional.of(recordingId),
                Optional.empty(), List.of(item), request.scheduledAt(), request.presenterMode());
    }

    private DebriefRepository.NewRoom forPlaylist(CurrentUser me, UUID playlistId, Request request) {
        Playlists.Playlist playlist = playlists.get(me, playlistId);
        if (playlist.clips().isEmpty()) {
            throw ProblemException.invalid("This playlist has no clips you can see; add clips before starting a debrief on it.");
        }
        List<Clip> clips = playlist.clips();
        for (Clip clip : clips) {
            policy.require(me, clip.recordingId(), Permission.COMMENT);
        }
        List<Item> items = java.util.stream.IntStream.range(0, clips.size()).mapToObj(i -> new Item(i, clips.get(i).recordingId(),
                Optional.of(clips.get(i).id()), clips.get(i).title(), clips.get(i).startMs(), Optional.of(clips.get(i).endMs()))).toList();
        return new DebriefRepository.NewRoom(request.title().orElse(playlist.title()), me.id(), playlist.teacherId(), Optional.empty(),
                Optional.of(playlistId), items, request.scheduledAt(), request.presenterMode());
    }

    /** The room, for a participant; 404 otherwise. */
    Debrief get(CurrentUser me, UUID id) {
        return rooms.find(id).filter(room -> weakestAccess(me.id(), room) != Access.NONE)
                .orElseThrow(() -> ProblemException.notFound(NOT_FOUND));
    }

    List<Debrief> open(CurrentUser me) {
        return rooms.openFor(me.id());
    }

    /** The room to join: 404 for non-participants, 409 once it ended. */
    Debrief join(CurrentUser me, UUID id) {
        Debrief room = get(me, id);
        if (room.ended()) {
            throw ProblemException.conflict("This debrief has ended; its summary is at /api/debriefs/" + id + "/summary.html.");
        }
        return room;
    }

    /** Where a member stands after a change the policy heard of: why they must leave, if they must. */
    enum Standing {
        IN, ACCESS_REVOKED, RECORDING_DELETED, ENDED
    }

    Standing standing(UUID userId, UUID id, java.util.Set<UUID> recordingIds) {
        for (UUID recordingId : recordingIds) {
            if (recordings.find(recordingId).isEmpty()) {
                return Standing.RECORDING_DELETED;
            }
        }
        Optional<Debrief> room = rooms.find(id);
        if (room.isEmpty()) {
            return Standing.RECORDING_DELETED;
        }
        if (weakestAccess(userId, room.get()) == Access.NONE) {
            return Standing.ACCESS_REVOKED;
        }
        return room.get().ended() ? Standing.ENDED : Standing.IN;
    }

    /** The least this user may do with any of the room's recordings: what they may do in it. */
    Access weakestAccess(UUID userId, Debrief room) {
        Access weakest = Access.OWNER;
        for (UUID recordingId : room.recordingIds()) {
            Access access = policy.accessTo(userId, recordingId);
            weakest = access.compareTo(weakest) < 0 ? access : weakest;
        }
        return weakest;
    }
}
