package org.lessonloop.media.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lessonloop.problems.ProblemException;

/** Only plain media file names map to a key, and only inside the recording's media folder. */
class MediaPathTest {
    private static final UUID ID = UUID.fromString("0b7e3f52-3c1e-4d55-9a41-7f0d3c2a1b00");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
            "master.m3u8, M3U8",
            "v720/index.m3u8, M3U8",
            "v720/init.mp4, MP4",
            "v720/seg_00012.m4s, M4S",
            "v720/seg_00012.ts, TS",
            "poster.jpg, JPG",
            "sprite_1.jpg, JPG",
            "thumbnails.vtt, VTT",
            "peaks.json, JSON",
            "frames/still-1.webp, WEBP",
            "a/b/c.PNG, PNG"})
    void aPlainNameMapsIntoTheMediaFolder(String name, MediaType type) {
        MediaPath path = MediaPath.parse(ID, name);

        assertEquals("recordings/" + ID + "/media/" + name, path.key());
        assertEquals(type, path.type());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullAndEmptySource
    @ValueSource(strings = {"..", "../source", "v720/../../source", ".", "./master.m3u8", "source", "v720/", "/master.m3u8",
            "v720//seg.m4s", ".hidden.m4s", "seg.m4s.exe", "seg", "seg%2e.m4s", "v720\\seg.m4s", "a/b/c/d.m4s",
            "seg .m4s", "séance.m4s", "seg.m4s\u0000.jpg"})
    void anythingElseIs404(String name) {
        assertThrows(ProblemException.NotFound.class, () -> MediaPath.parse(ID, name));
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {MediaPath.MAX_LENGTH + 1, 10_000})
    void aNameLongerThanTheLimitIs404(int length) {
        String name = "a".repeat(length - 4) + ".m4s";

        assertThrows(ProblemException.NotFound.class, () -> MediaPath.parse(ID, name));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"master.m3u8, true", "v360/master.m3u8, false", "poster.jpg, false"})
    void onlyTheTopMasterPlaylistIsThePlaybackStart(String name, boolean master) {
        assertEquals(master, MediaPath.parse(ID, name).isMaster());
    }
}
