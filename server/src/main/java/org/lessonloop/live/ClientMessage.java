package org.lessonloop.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.http.Ids;
import org.lessonloop.problems.ProblemException;

/** One message from the browser: {@code subscribe}/{@code unsubscribe} with a recordingId, or {@code ping} with any data to echo. */
record ClientMessage(Type type, Optional<UUID> recordingId, JsonObject data) {
    enum Type {
        SUBSCRIBE, UNSUBSCRIBE, PING
    }

    /** Throws 400 naming what is wrong. */
    static ClientMessage parse(String text) {
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw ProblemException.invalid("A message is a JSON object such as {\"type\":\"subscribe\",\"recordingId\":\"…\"}.");
        }
        Type type = switch (json.getValue("type") instanceof String name ? name : "") {
            case "subscribe" -> Type.SUBSCRIBE;
            case "unsubscribe" -> Type.UNSUBSCRIBE;
            case "ping" -> Type.PING;
            default -> throw ProblemException.invalid("'type' must be subscribe, unsubscribe or ping.");
        };
        if (type == Type.PING) {
            return new ClientMessage(type, Optional.empty(), json.getValue("data") instanceof JsonObject data ? data : new JsonObject());
        }
        String recordingId = json.getValue("recordingId") instanceof String id ? id : "";
        return new ClientMessage(type, Optional.of(Ids.parse(recordingId, "recordingId")), new JsonObject());
    }
}
