package org.lessonloop.media;

/** An ffmpeg run failed; {@link #stderrTail()} is what it said last, kept for operators. */
public final class FfmpegException extends RuntimeException {
    private final String stderrTail;

    public FfmpegException(String message, String stderrTail) {
        super(stderrTail.isBlank() ? message : message + ": " + lastLine(stderrTail));
        this.stderrTail = stderrTail;
    }

    public String stderrTail() {
        return stderrTail;
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }
}
