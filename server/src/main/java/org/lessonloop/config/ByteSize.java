package org.lessonloop.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human byte sizes for configuration: "8GiB", "500MB", "1048576". */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?");

    private ByteSize() {
    }

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new NumberFormatException(text);
        }
        long value = Long.parseLong(m.group(1)); // NumberFormatException when it overflows
        String unit = m.group(2) == null ? "b" : m.group(2);
        boolean binary = unit.contains("i");
        long base = binary ? 1024 : 1000;
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        try {
            long factor = 1;
            for (int i = 0; i < power; i++) {
                factor = Math.multiplyExact(factor, base);
            }
            return Math.multiplyExact(value, factor);
        } catch (ArithmeticException e) {
            throw new NumberFormatException(text + " is too large");
        }
    }

    public static String format(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
