package org.lessonloop.accounts;

import java.util.List;
import java.util.Map;

/**
 * "Firefox on Windows": what a person needs to recognise a session of theirs, read from the
 * User-Agent header. Only this summary is kept, never the header itself.
 */
public final class Devices {
    /** Order matters: Edge and Opera say Chrome too, Chrome says Safari, Android says Linux. */
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"), Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"),
            Map.entry("Chromium/", "Chromium"), Map.entry("Chrome/", "Chrome"), Map.entry("CriOS/", "Chrome"),
            Map.entry("Safari/", "Safari"), Map.entry("curl/", "curl"), Map.entry("Java-http-client", "Java"),
            Map.entry("node", "Node.js"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("iPhone", "iPhone"), Map.entry("iPad", "iPad"), Map.entry("Android", "Android"),
            Map.entry("CrOS", "ChromeOS"), Map.entry("Windows", "Windows"), Map.entry("Mac OS X", "macOS"),
            Map.entry("Macintosh", "macOS"), Map.entry("Linux", "Linux"));

    private Devices() {
    }

    public static String summary(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser == null && system == null) {
            return "Unknown device";
        }
        if (browser == null) {
            return system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    private static String first(List<Map.Entry<String, String>> names, String userAgent) {
        return names.stream().filter(e -> userAgent.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
