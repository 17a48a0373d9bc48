package org.lessonloop.debriefs;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a room's playback is: at server time {@code atServerTime} (epoch ms) item {@code item} was
 * at {@code positionMs}, and moves on at {@code rate} unless paused. Every change has the next
 * {@code seq}; clients keep the state with the highest one.
 */
record RoomState(long seq, int item, long positionMs, long atServerTime, boolean paused, double rate, Optional<UUID> drivenBy) {
    static final RoomState START = new RoomState(0, 0, 0, 0, true, 1, Optional.empty());

    /** The position at server time {@code t}: {@code positionMs + (t − atServerTime) × rate} while playing. */
    long positionAt(long t) {
        return paused ? positionMs : positionMs + Math.max(0, Math.round((t - atServerTime) * rate));
    }

    JsonObject json() {
        return new JsonObject()
                .put("seq", seq)
                .put("item", item)
                .put("positionMs", positionMs)
                .put("atServerTime", atServerTime)
                .put("paused", paused)
                .put("rate", rate)
                .put("drivenBy", drivenBy.map(UUID::toString).orElse(null));
    }

    static RoomState fromJson(JsonObject json) {
        String by = json.getString("drivenBy");
        return new RoomState(json.getLong("seq"), json.getInteger("item"), json.getLong("positionMs"), json.getLong("atServerTime"),
                json.getBoolean("paused"), json.getDouble("rate"), Optional.ofNullable(by).map(UUID::fromString));
    }
}
