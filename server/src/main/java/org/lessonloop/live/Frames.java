package org.lessonloop.live;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/**
 * What the server says on a live socket besides the events themselves, in the events' shape
 * {@code {"type", "recordingId", "at", "data"}} (openapi.yaml, GET /api/live, lists them all).
 */
final class Frames {
    /** Why a subscription ended ({@code ended}'s {@code data.reason}). */
    enum Ended {
        ACCESS_REVOKED("access-revoked"), RECORDING_DELETED("recording-deleted"), UNSUBSCRIBED("unsubscribed");

        final String reason;

        Ended(String reason) {
            this.reason = reason;
        }
    }

    private final Clock clock;

    Frames(Clock clock) {
        this.clock = clock;
    }

    JsonObject welcome(UUID userId, int maxSubscriptions) {
        return frame("welcome", null, new JsonObject().put("userId", userId.toString()).put("maxSubscriptions", maxSubscriptions));
    }

    JsonObject subscribed(UUID recordingId, String access) {
        return frame("subscribed", recordingId, new JsonObject().put("access", access));
    }

    JsonObject ended(UUID recordingId, Ended why) {
        return frame("ended", recordingId, new JsonObject().put("reason", why.reason));
    }

    JsonObject error(UUID recordingId, int status, String detail) {
        return frame("error", recordingId, new JsonObject().put("status", status).put("detail", detail));
    }

    JsonObject pong(JsonObject echo) {
        return frame("pong", null, echo);
    }

    JsonObject resync() {
        return frame("resync", null, new JsonObject());
    }

    private JsonObject frame(String type, UUID recordingId, JsonObject data) {
        return new JsonObject()
                .put("type", type)
                .put("recordingId", recordingId == null ? null : recordingId.toString())
                .put("at", clock.instant().toString())
                .put("data", data);
    }
}
