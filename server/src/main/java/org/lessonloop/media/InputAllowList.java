package org.lessonloop.media;

/**
 * What FFmpeg may open when it reads an upload. The demuxer allow-list is the real defence: HLS
 * and DASH playlists and concat scripts read other files even with only the file protocol allowed
 * (DESIGN.md §9), and none of them is on this list. Protocol and decoder lists are extra layers.
 */
public final class InputAllowList {
    /** Containers cameras, phones and screen recorders produce. */
    public static final String DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts";
    public static final String PROTOCOLS = "file";
    /** Decoders for the video and audio those containers carry ({@code mp3float} is FFmpeg's MP3 decoder). */
    public static final String DECODERS = String.join(",",
            "h264", "hevc", "vp8", "vp9", "av1", "libdav1d", "mpeg4", "mpeg2video", "mpeg1video", "mjpeg", "prores",
            "dvvideo", "h263", "msmpeg4v3", "wmv2", "vc1",
            "aac", "aac_fixed", "mp3float", "mp2float", "ac3", "eac3", "opus", "libopus", "vorbis", "flac", "alac",
            "pcm_s16le", "pcm_s16be", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_u8", "pcm_mulaw", "pcm_alaw",
            "adpcm_ima_wav", "amrnb", "amrwb");

    private InputAllowList() {
    }
}
