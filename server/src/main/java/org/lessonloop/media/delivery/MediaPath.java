package org.lessonloop.media.delivery;

import java.util.UUID;
import java.util.regex.Pattern;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.Recording;

/**
 * A processed file of one recording, named by the part of the URL after {@code /media/}. Only
 * plain names are accepted (letters, digits, '_', '.', '-' in at most {@value #MAX_DEPTH}
 * segments, no dot segments, a known extension), so the object key can never leave the
 * recording's {@code media/} folder: the original upload and other recordings are out of reach.
 */
public record MediaPath(UUID recordingId, String name, MediaType type) {
    public static final String MASTER = "master.m3u8";
    static final int MAX_LENGTH = 200;
    static final int MAX_DEPTH = 3;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    /** The file, or a 404 problem for anything that is not a plain media file name. */
    public static MediaPath parse(UUID recordingId, String name) {
        if (name == null || name.length() > MAX_LENGTH) {
            throw missing();
        }
        String[] segments = name.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            throw missing();
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.startsWith(".")) {
                throw missing();
            }
        }
        MediaType type = MediaType.ofFileName(segments[segments.length - 1]).orElseThrow(MediaPath::missing);
        return new MediaPath(recordingId, name, type);
    }

    public static String prefix(UUID recordingId) {
        return Recording.storagePrefix(recordingId) + "media/";
    }

    public String key() {
        return prefix(recordingId) + name;
    }

    public boolean isMaster() {
        return MASTER.equals(name);
    }

    static ProblemException missing() {
        return ProblemException.notFound("There is no such media file for this recording.");
    }
}
