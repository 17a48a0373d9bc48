package org.lessonloop.events;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;

/**
 * Publishes what changes on a recording to every node's event bus ({@link Fanout}), so open
 * players, libraries and debrief rooms update without reloading, whichever node made the change.
 * Two kinds of address keep private things private: {@link #viewersAddress} carries what everyone
 * who may view the recording may see; {@link #userAddress} carries what only one user may see (a
 * private note, the owner's processing, a share given to them). Whatever bridges these to browsers
 * checks access per subscriber again; publishing here decides nothing about access. Publish once
 * the change has committed.
 *
 * <p>Every message is {@code {"id", "type", "recordingId", "at", "data"}}; {@code id} names the
 * event, so one published to two addresses is shown once.
 */
@FeatureApi
public final class RecordingEvents {
    private final Fanout fanout;
    private final Clock clock;

    public RecordingEvents(Fanout fanout, Clock clock) {
        this.fanout = fanout;
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
        fanout.publish(viewersAddress(recordingId), message(recordingId, type, data));
    }

    /** For one user only. */
    public void toUser(UUID userId, UUID recordingId, String type, JsonObject data) {
        fanout.publish(userAddress(userId), message(recordingId, type, data));
    }

    /** For everyone watching the recording, and its owner wherever she is (her library): the same event. */
    public void toOwnerAndViewers(UUID ownerId, UUID recordingId, String type, JsonObject data) {
        JsonObject message = message(recordingId, type, data);
        fanout.publish(viewersAddress(recordingId), message);
        fanout.publish(userAddress(ownerId), message);
    }

    private JsonObject message(UUID recordingId, String type, JsonObject data) {
        return new JsonObject()
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("recordingId", recordingId.toString())
                .put("at", clock.instant().toString())
                .put("data", data);
    }
}
