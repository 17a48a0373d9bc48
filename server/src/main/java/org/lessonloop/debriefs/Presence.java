package org.lessonloop.debriefs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Who is in a room, on any node, and who drives: the {@code presence} frame, read from PostgreSQL. */
final class Presence {
    private final PresenceRepository members;
    private final DebriefRepository rooms;

    Presence(PresenceRepository members, DebriefRepository rooms) {
        this.members = members;
        this.rooms = rooms;
    }

    /** The room's presence now, and the slowest member's round trip (for commands' lead time). */
    record Snapshot(JsonObject frame, int slowestRttMs) {
    }

    void join(UUID socketId, UUID debriefId, UUID userId) {
        members.join(socketId, debriefId, userId);
    }

    void leave(UUID socketId) {
        members.leave(socketId);
    }

    boolean update(UUID socketId, int rttMs, boolean buffering, boolean catchingUp) {
        return members.update(socketId, rttMs, buffering, catchingUp);
    }

    Optional<Snapshot> of(UUID debriefId) {
        return rooms.find(debriefId).map(room -> of(room, members.members(debriefId)));
    }

    void purgeStale() {
        members.purgeStale();
    }

    /** One entry per person, however many tabs they have open: buffering or catching up if any of their sockets is. */
    private static Snapshot of(Debrief room, List<PresenceRepository.Member> sockets) {
        Map<UUID, JsonObject> people = new LinkedHashMap<>();
        int slowest = 0;
        for (PresenceRepository.Member m : sockets) {
            slowest = Math.max(slowest, m.rttMs());
            JsonObject person = people.computeIfAbsent(m.userId(), id -> new JsonObject()
                    .put("userId", id.toString()).put("displayName", m.displayName()).put("role", m.role()).put("connected", true)
                    .put("driving", room.state().drivenBy().map(id::equals).orElse(false))
                    .put("catchingUp", false).put("buffering", false));
            person.put("catchingUp", person.getBoolean("catchingUp") || m.catchingUp());
            person.put("buffering", person.getBoolean("buffering") || m.buffering());
        }
        JsonObject frame = new JsonObject().put("type", "presence")
                .put("participants", new JsonArray(List.copyOf(people.values())))
                .put("presenter", room.presenterId().map(UUID::toString).orElse(null));
        return new Snapshot(frame, slowest);
    }
}
