package org.lessonloop.media;

/** The job was told to stop (lease lost, cancelled, shutting down) and its ffmpeg was killed. */
public final class FfmpegStoppedException extends RuntimeException {
    public FfmpegStoppedException() {
        super("stopped before ffmpeg finished");
    }
}
