package org.lessonloop.debriefs;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;

/** What the server says on a room's socket besides what the bus relays (the protocol: openapi.yaml, the socket's description). */
final class RoomFrames {
    /** Close codes (RFC 6455 §7.4.2 leaves 4000–4999 to applications): like the HTTP status, plus 4000. */
    static final short MALFORMED = 4400;
    static final short SIGNED_OUT = 4401;
    static final short ACCESS_ENDED = 4403;
    static final short NO_SUCH_ROOM = 4404;
    static final short NOT_READING = 4408;
    static final short ENDED = 4409;
    static final short FLOOD = 4429;
    static final short TOO_BIG = 1009;
    static final short SERVER_ERROR = 1011;

    private RoomFrames() {
    }

    static JsonObject welcome(CurrentUser me, Debrief room, Presence.Snapshot presence, long serverTime) {
        return new JsonObject().put("type", "welcome")
                .put("you", new JsonObject().put("id", me.id().toString()).put("displayName", me.user().displayName())
                        .put("role", me.role().code()))
                .put("serverTime", serverTime)
                .put("state", room.state().json())
                .put("presence", presence.frame().getJsonArray("participants"))
                .put("presenter", presence.frame().getString("presenter"))
                .put("debrief", DebriefJson.debrief(room));
    }

    /** {@code action}: the command's, or {@code snapshot} for a state sent to one socket (after a stale command). */
    static JsonObject state(RoomState state, long effectiveAt, String action, UUID by, String commandId) {
        return new JsonObject().put("type", "state").put("state", state.json()).put("effectiveAt", effectiveAt)
                .put("cause", new JsonObject().put("action", action).put("by", by == null ? null : by.toString()).put("commandId", commandId));
    }

    static JsonObject heartbeat(RoomState state, long serverTime) {
        return new JsonObject().put("type", "heartbeat").put("serverTime", serverTime).put("state", state.json());
    }

    static JsonObject time(Number t0, long serverTime) {
        return new JsonObject().put("type", "time").put("t0", t0).put("serverTime", serverTime);
    }

    static JsonObject error(String code, String detail, String commandId) {
        return new JsonObject().put("type", "error").put("code", code).put("detail", detail).put("commandId", commandId);
    }
}
