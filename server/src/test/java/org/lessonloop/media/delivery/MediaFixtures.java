package org.lessonloop.media.delivery;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.lessonloop.storage.ObjectStore;

/**
 * Processed media as the pipeline leaves it under {@code recordings/<id>/media/}, plus the original
 * upload at {@code recordings/<id>/source}, which no media request may ever return.
 */
final class MediaFixtures {
    static final String MASTER = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nv360/index.m3u8\n";
    static final String VARIANT = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.0,\nseg_00001.m4s\n#EXT-X-ENDLIST\n";
    static final String SOURCE_MARKER = "ORIGINAL-UPLOAD-NEVER-SERVED";
    static final int SEGMENT_BYTES = 100_000;

    private MediaFixtures() {
    }

    /** Puts a master playlist, one variant with an init segment and a media segment, images, VTT, peaks and a source. */
    static void processed(ObjectStore store, String recordingId) {
        String media = "recordings/" + recordingId + "/media/";
        put(store, media + "master.m3u8", MASTER.getBytes(StandardCharsets.UTF_8));
        put(store, media + "v360/index.m3u8", VARIANT.getBytes(StandardCharsets.UTF_8));
        put(store, media + "v360/init.mp4", bytes(2_000, 1));
        put(store, media + "v360/seg_00001.m4s", segment());
        put(store, media + "v360/seg_00002.ts", bytes(3_000, 3));
        put(store, media + "poster.jpg", bytes(5_000, 4));
        put(store, media + "sprite_0.jpg", bytes(6_000, 5));
        put(store, media + "thumbnails.vtt", "WEBVTT\n\n00:00.000 --> 00:04.000\nsprite_0.jpg#xywh=0,0,160,90\n".getBytes(StandardCharsets.UTF_8));
        put(store, media + "peaks.json", "{\"peaks\":[0,12,80,33]}".getBytes(StandardCharsets.UTF_8));
        put(store, "recordings/" + recordingId + "/source", (SOURCE_MARKER + " secret lesson video").getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes of v360/seg_00001.m4s. */
    static byte[] segment() {
        return bytes(SEGMENT_BYTES, 2);
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static void put(ObjectStore store, String key, byte[] bytes) {
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");
    }
}
