package org.lessonloop.media;

/** Times as a teacher reads them: 12:03, or 1:02:03 past the hour. */
final class Timecode {
    private Timecode() {
    }

    static String of(long ms) {
        long seconds = ms / 1000;
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }
}
