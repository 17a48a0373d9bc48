package org.lessonloop.annotations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.problems.ProblemException;

/**
 * A shape drawn on a paused frame and saved with its comment: an arrow (from, to), a rectangle (two
 * corners) or a freehand line. Points are fractions (0–1) of the frame's width and height, so the
 * drawing lands on the same spot at any player size.
 */
@FeatureApi
public record Drawing(Kind kind, List<double[]> points, String color) {
    public static final int MAX_SHAPES = 20;
    public static final int MAX_POINTS = 500;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final String DEFAULT_COLOR = "#e53935";

    public enum Kind {
        ARROW, RECT, FREEHAND;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates a JSON array of shapes (null: none); throws 400 naming the shape and what is wrong. */
    public static List<Drawing> parseAll(Object json, String field) {
        if (json == null) {
            return List.of();
        }
        if (!(json instanceof JsonArray shapes)) {
            throw ProblemException.invalid("'" + field + "' must be an array of shapes.");
        }
        if (shapes.size() > MAX_SHAPES) {
            throw ProblemException.invalid("'" + field + "' holds at most " + MAX_SHAPES + " shapes; this has " + shapes.size() + ".");
        }
        List<Drawing> drawings = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            drawings.add(parse(shapes.getValue(i), field + "[" + i + "]"));
        }
        return List.copyOf(drawings);
    }

    private static Drawing parse(Object json, String where) {
        if (!(json instanceof JsonObject shape)) {
            throw ProblemException.invalid("'" + where + "' must be an object {kind, points, color}.");
        }
        Kind kind = switch (shape.getValue("kind") instanceof String k ? k : "") {
            case "arrow" -> Kind.ARROW;
            case "rect" -> Kind.RECT;
            case "freehand" -> Kind.FREEHAND;
            default -> throw ProblemException.invalid("'" + where + ".kind' must be arrow, rect or freehand.");
        };
        Object color = shape.getValue("color");
        if (color != null && !(color instanceof String c && COLOR.matcher(c).matches())) {
            throw ProblemException.invalid("'" + where + ".color' must be a colour like #ff8800.");
        }
        if (!(shape.getValue("points") instanceof JsonArray points)) {
            throw ProblemException.invalid("'" + where + ".points' must be an array of [x, y] pairs.");
        }
        int fewest = 2;
        int most = kind == Kind.FREEHAND ? MAX_POINTS : 2;
        if (points.size() < fewest || points.size() > most) {
            throw ProblemException.invalid("'" + where + ".points': " + (kind == Kind.FREEHAND
                    ? "a freehand line has 2 to " + MAX_POINTS + " points" : "an " + kind.code() + " has exactly 2 points")
                    + "; this has " + points.size() + ".");
        }
        List<double[]> parsed = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            parsed.add(point(points.getValue(i), where + ".points[" + i + "]"));
        }
        return new Drawing(kind, List.copyOf(parsed), color == null ? DEFAULT_COLOR : ((String) color).toLowerCase(Locale.ROOT));
    }

    private static double[] point(Object json, String where) {
        if (json instanceof JsonArray xy && xy.size() == 2 && xy.getValue(0) instanceof Number x && xy.getValue(1) instanceof Number y
                && inFrame(x.doubleValue()) && inFrame(y.doubleValue())) {
            return new double[] {x.doubleValue(), y.doubleValue()};
        }
        throw ProblemException.invalid("'" + where + "' must be [x, y] with x and y between 0 and 1 (fractions of the frame).");
    }

    private static boolean inFrame(double fraction) {
        return fraction >= 0 && fraction <= 1;
    }

    public JsonObject json() {
        JsonArray xy = new JsonArray();
        points.forEach(p -> xy.add(new JsonArray().add(p[0]).add(p[1])));
        return new JsonObject().put("kind", kind.code()).put("points", xy).put("color", color);
    }

    public static JsonArray json(List<Drawing> drawings) {
        return new JsonArray(drawings.stream().map(Drawing::json).toList());
    }

    /** The stored column: null for none. */
    static String stored(List<Drawing> drawings) {
        return drawings.isEmpty() ? null : json(drawings).encode();
    }

    /** Read back from the column, which holds only what {@link #parseAll} accepted. */
    static List<Drawing> fromStored(String column) {
        return column == null ? List.of() : parseAll(new JsonArray(column), "drawings");
    }
}
