package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineAssetsTest {

    @Test
    void thumbnailCuesPointAtTheirTileInTheirSheet() {
        var layout = new TranscodePlan.SpriteLayout(2, new FrameSize(160, 90), 10, 10);
        String vtt = ThumbnailTrack.vtt(layout, 205_000, 2);
        assertTrue(vtt.startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nsprite_0.jpg#xywh=0,0,160,90\n"));
        assertTrue(vtt.contains("00:00:22.000 --> 00:00:24.000\nsprite_0.jpg#xywh=160,90,160,90\n"));
        assertTrue(vtt.contains("00:03:20.000 --> 00:03:22.000\nsprite_1.jpg#xywh=0,0,160,90\n"));
        assertTrue(vtt.endsWith("00:03:24.000 --> 00:03:25.000\nsprite_1.jpg#xywh=320,0,160,90\n"));
    }

    @Test
    void peaksAreMinMaxPairsPerPixelInAudiowaveformFormat(@TempDir Path dir) throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(2 * 5).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : new short[] {100, -3000, 32767, 0, -32768}) {
            pcm.putShort(s);
        }
        Path in = Files.write(dir.resolve("in.pcm"), pcm.array());
        new WaveformPeaks(8000, 2).write(in, dir.resolve("peaks.json"));
        JsonObject json = new JsonObject(Files.readString(dir.resolve("peaks.json")));
        assertEquals(2, json.getInteger("version"));
        assertEquals(8, json.getInteger("bits"));
        assertEquals(2, json.getInteger("samples_per_pixel"));
        assertEquals(3, json.getInteger("length"));
        assertEquals(List.of(-12, 0, 0, 127, -128, -128), json.getJsonArray("data").getList());
    }

    @Test
    void masterPlaylistsOfSeparateRunsJoinLowestFirst() {
        String copy = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080\nv1080/index.m3u8\n";
        String encoded = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360\nv360/index.m3u8\n\n";
        String master = MasterPlaylist.merge(List.of(copy, encoded));
        assertEquals("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360\nv360/index.m3u8\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080\nv1080/index.m3u8\n", master);
    }

    @Test
    void aMediaPlaylistListsItsInitSectionAndSegments() {
        HlsPlaylist playlist = HlsPlaylist.parse("#EXTM3U\n#EXT-X-MAP:URI=\"init_0.mp4\"\n#EXTINF:4.000000,\nseg_00000.m4s\n"
                + "#EXTINF:1.5,\nseg_00001.m4s\n#EXT-X-ENDLIST\n");
        assertEquals(List.of("init_0.mp4", "seg_00000.m4s", "seg_00001.m4s"), playlist.uris());
        assertEquals(5.5, playlist.totalSeconds(), 1e-9);
    }
}
