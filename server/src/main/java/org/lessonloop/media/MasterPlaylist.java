package org.lessonloop.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the master playlists of separate ffmpeg runs (the copied source, the encoded rungs) into
 * one, lowest bandwidth first (RFC 8216 §4.3.4.2: players start with the first variant listed
 * unless told otherwise, and a quick start on school Wi-Fi matters more).
 */
public final class MasterPlaylist {
    private static final Pattern BANDWIDTH = Pattern.compile("[:,]BANDWIDTH=(\\d+)");

    private record Variant(String streamInf, String uri, long bandwidth) {
    }

    private MasterPlaylist() {
    }

    public static String merge(List<String> masters) {
        List<Variant> variants = new ArrayList<>();
        for (String master : masters) {
            String[] lines = master.split("\\R");
            for (int i = 0; i < lines.length - 1; i++) {
                if (lines[i].startsWith("#EXT-X-STREAM-INF:")) {
                    int uri = i + 1;
                    while (uri < lines.length && lines[uri].isBlank()) {
                        uri++;
                    }
                    Matcher bandwidth = BANDWIDTH.matcher(lines[i]);
                    variants.add(new Variant(lines[i], lines[uri].strip(), bandwidth.find() ? Long.parseLong(bandwidth.group(1)) : 0));
                }
            }
        }
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("No variant streams to join");
        }
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        variants.stream().sorted(Comparator.comparingLong(Variant::bandwidth))
                .forEach(v -> out.append(v.streamInf()).append('\n').append(v.uri()).append('\n'));
        return out.toString();
    }
}
