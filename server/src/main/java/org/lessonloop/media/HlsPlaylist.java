package org.lessonloop.media;

import java.util.ArrayList;
import java.util.List;

/** What a media playlist (RFC 8216 §4.3.2) lists: its init section, segments and their durations. */
public record HlsPlaylist(List<String> uris, double totalSeconds) {

    public static HlsPlaylist parse(String text) {
        List<String> uris = new ArrayList<>();
        double total = 0;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("#EXTINF:")) {
                total += Double.parseDouble(line.substring("#EXTINF:".length()).split(",", 2)[0]);
            } else if (line.startsWith("#EXT-X-MAP:URI=\"")) {
                uris.add(line.substring("#EXT-X-MAP:URI=\"".length(), line.lastIndexOf('"')));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                uris.add(line);
            }
        }
        return new HlsPlaylist(uris, total);
    }
}
