package org.lessonloop.media;

import java.util.Optional;

/** What probing found out about an upload, before any decoding. */
public record MediaInfo(
        String container,
        long durationMs,
        Video video,
        Optional<Audio> audio) {

    /**
     * The video stream. {@code width}/{@code height} are as stored; {@link #displayWidth()} and
     * {@link #displayHeight()} apply the rotation a phone records instead of turning the pixels.
     */
    public record Video(
            String codec,
            int width,
            int height,
            int rotation,
            double frameRate,
            boolean variableFrameRate,
            String pixelFormat,
            int bitDepth,
            String transfer) {

        public int displayWidth() {
            return quarterTurned() ? height : width;
        }

        public int displayHeight() {
            return quarterTurned() ? width : height;
        }

        private boolean quarterTurned() {
            return Math.abs(rotation) % 180 == 90;
        }

        /** PQ (HDR10) or HLG, which phones record and which must be tone-mapped for SDR screens. */
        public boolean isHdr() {
            return "smpte2084".equals(transfer) || "arib-std-b67".equals(transfer);
        }
    }

    public record Audio(String codec, int channels, int sampleRate) {
    }

    public boolean hasAudio() {
        return audio.isPresent();
    }
}
