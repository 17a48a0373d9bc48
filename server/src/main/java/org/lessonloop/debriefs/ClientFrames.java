package org.lessonloop.debriefs;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.annotations.Drawing;
import org.lessonloop.annotations.Visibility;
import org.lessonloop.http.Ids;
import org.lessonloop.problems.ProblemException;

/** Reading what a browser sends on a room's socket; each method throws 400 naming what is wrong. */
final class ClientFrames {
    static final int MAX_BODY = 10_000;
    private static final int MAX_TAGS = 50;

    private ClientFrames() {
    }

    static JsonObject parse(String text) {
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw ProblemException.invalid("A message is a JSON object such as {\"type\":\"time\",\"t0\":123}.");
        }
    }

    static Number t0(JsonObject frame) {
        if (frame.getValue("t0") instanceof Number t0) {
            return t0;
        }
        throw ProblemException.invalid("'t0' must be your clock's time in milliseconds.");
    }

    /** A pointer's spot (fractions of the frame), or both null: hidden. */
    static JsonObject pointer(JsonObject frame) {
        Object x = frame.getValue("x");
        Object y = frame.getValue("y");
        if (x == null && y == null) {
            return new JsonObject().putNull("x").putNull("y");
        }
        if (x instanceof Number px && y instanceof Number py && fraction(px) && fraction(py)) {
            return new JsonObject().put("x", px.doubleValue()).put("y", py.doubleValue());
        }
        throw ProblemException.invalid("'x' and 'y' must be fractions of the frame from 0 to 1, or both null to hide the pointer.");
    }

    /** The member's playback report: whether they are buffering now. */
    static boolean buffering(JsonObject frame) {
        if (frame.getValue("buffering") instanceof Boolean buffering) {
            return buffering;
        }
        throw ProblemException.invalid("'buffering' must be true or false.");
    }

    static RoomActions.RoomComment comment(JsonObject frame) {
        String body = frame.getValue("body") instanceof String b ? b.strip() : "";
        if (body.isEmpty() || body.length() > MAX_BODY) {
            throw ProblemException.invalid("'body' must be 1 to " + MAX_BODY + " characters.");
        }
        if (!(frame.getValue("positionMs") instanceof Number position) || position.longValue() < 0) {
            throw ProblemException.invalid("'positionMs' must be the moment commented on, in milliseconds.");
        }
        Visibility visibility = switch (frame.getValue("visibility") instanceof String v ? v : "shared") {
            case "shared" -> Visibility.SHARED;
            case "private" -> Visibility.PRIVATE;
            default -> throw ProblemException.invalid("'visibility' must be shared or private.");
        };
        return new RoomActions.RoomComment(body, position.longValue(), visibility, ids(frame.getValue("tagIds")),
                Drawing.parseAll(frame.getValue("drawings"), "drawings"));
    }

    /** {@code to}: a participant's id, or null for nobody (everyone may drive). */
    static Optional<UUID> presenter(JsonObject frame) {
        Object to = frame.getValue("to");
        if (to == null) {
            return Optional.empty();
        }
        if (to instanceof String id) {
            return Optional.of(Ids.parse(id, "to"));
        }
        throw ProblemException.invalid("'to' must be a participant's id, or null.");
    }

    private static List<UUID> ids(Object json) {
        if (json == null) {
            return List.of();
        }
        if (!(json instanceof JsonArray array) || array.size() > MAX_TAGS) {
            throw ProblemException.invalid("'tagIds' must be an array of at most " + MAX_TAGS + " ids.");
        }
        List<UUID> ids = new ArrayList<>();
        for (Object id : array) {
            ids.add(Ids.parse(id instanceof String s ? s : "", "tagIds"));
        }
        return ids;
    }

    private static boolean fraction(Number n) {
        return n.doubleValue() >= 0 && n.doubleValue() <= 1;
    }
}
