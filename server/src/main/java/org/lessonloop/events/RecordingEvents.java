package org.lessonloop.events;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * Publishes what changes on a recording to the event bus, so open players and debrief rooms update
 * without reloading. Two kinds of address keep private things private: {@link #viewersAddress}
 * carries what everyone who may view the recording may see; {@link #userAddress} carries what
 * only one user may see (a private note, the owner's processing details). Whatever bridges these
 * to browsers checks access per subscriber again; publishing here decides nothing about access.
 *
 * <p>Every message is {@code {"type", "recordingId", "at", "data"}}.
 */
public final class RecordingEvents {
    private final EventBus bus;
    private final Clock clock;

    public RecordingEvents(EventBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    public static String viewersAddress(UUID recordingId) {
        return "lessonloop.recording." + recordingId;
    }

    public static String userAddress(UUID userId) {
        return "lessonloop.user." + userId;
    }

    /** For everyone who can view the recording. */
    public void toViewers(UUID recordingId, String type, JsonObject data) {
        bus.publish(viewersAddress(recordingId), message(recordingId, type, data));
    }

    /** For one user only. */
    public void toUser(UUID userId, UUID recordingId, String type, JsonObject data) {
        bus.publish(userAddress(userId), message(recordingId, type, data));
    }

    private JsonObject message(UUID recordingId, String type, JsonObject data) {
        return new JsonObject()
                .put("type", type)
                .put("recordingId", recordingId.toString())
                .put("at", clock.instant().toString())
                .put("data", data);
    }
}
