package org.lessonloop.media;

/** An output picture size; both sides even, as 4:2:0 H.264 requires. */
public record FrameSize(int width, int height) {

    /** The display size (rotation applied) scaled so its short side is {@code shortSide}, never upscaled. */
    public static FrameSize scaledTo(int displayWidth, int displayHeight, int shortSide) {
        int source = Math.min(displayWidth, displayHeight);
        int target = Math.min(shortSide, source);
        double factor = (double) target / source;
        return new FrameSize(even(displayWidth * factor), even(displayHeight * factor));
    }

    private static int even(double side) {
        return Math.max(2, (int) Math.round(side / 2) * 2);
    }

    public int shortSide() {
        return Math.min(width, height);
    }
}
