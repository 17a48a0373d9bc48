package org.lessonloop.media.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** Media over HTTP as hls.js and browsers use it: types, caching, ranges, HEAD, ETags, and paths that must lead nowhere. */
@RealServer
class MediaRoutesTest {
    private static final int SIZE = MediaFixtures.SEGMENT_BYTES;

    private static TestServer server;
    private static Organization org;
    private static String media;

    @BeforeAll
    static void start() {
        String id = org.sharedRecording();
        MediaFixtures.processed(server.store(), id);
        media = "/api/recordings/" + id + "/media/";
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "master.m3u8        | application/vnd.apple.mpegurl | private, no-cache",
            "v360/index.m3u8    | application/vnd.apple.mpegurl | private, no-cache",
            "thumbnails.vtt     | text/vtt; charset=utf-8       | private, no-cache",
            "v360/init.mp4      | video/mp4                     | private, max-age=3600",
            "v360/seg_00001.m4s | video/iso.segment             | private, max-age=3600",
            "v360/seg_00002.ts  | video/mp2t                    | private, max-age=3600",
            "poster.jpg         | image/jpeg                    | private, max-age=3600",
            "sprite_0.jpg       | image/jpeg                    | private, max-age=3600",
            "peaks.json         | application/json              | private, max-age=3600"})
    void eachFileHasItsContentTypeAndPrivateCaching(String file, String contentType, String cacheControl) {
        MediaHttp.Reply reply = MediaHttp.get(org.sharedCoach, media + file);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(contentType, reply.header("Content-Type"));
        assertEquals(cacheControl, reply.header("Cache-Control"));
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        assertEquals("bytes", reply.header("Accept-Ranges"));
        assertTrue(reply.header("ETag").matches("\"[^\"]+\""), reply::toString);
        assertEquals(Integer.toString(reply.body().length), reply.header("Content-Length"));
    }

    @Test
    void aRangeRequestGetsExactlyThoseBytes() {
        MediaHttp.Reply part = MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s", "Range", "bytes=100-1099");

        assertEquals(206, part.status(), part::toString);
        assertEquals("bytes 100-1099/" + SIZE, part.header("Content-Range"));
        assertEquals("1000", part.header("Content-Length"));
        assertEquals("video/iso.segment", part.header("Content-Type"));
        assertArrayEquals(Arrays.copyOfRange(MediaFixtures.segment(), 100, 1100), part.body());
    }

    @Test
    void aSuffixRangeGetsTheLastBytes() {
        MediaHttp.Reply part = MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s", "Range", "bytes=-500");

        assertEquals(206, part.status(), part::toString);
        assertEquals("bytes " + (SIZE - 500) + "-" + (SIZE - 1) + "/" + SIZE, part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(MediaFixtures.segment(), SIZE - 500, SIZE), part.body());
    }

    @Test
    void anOpenRangeGetsEverythingFromItsStart() {
        MediaHttp.Reply part = MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s", "Range", "bytes=99000-");

        assertEquals(206, part.status(), part::toString);
        assertEquals("bytes 99000-" + (SIZE - 1) + "/" + SIZE, part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(MediaFixtures.segment(), 99_000, SIZE), part.body());
    }

    @Test
    void aRangePastTheEndIs416NamingTheSize() {
        MediaHttp.Reply refused = MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s", "Range", "bytes=" + SIZE + "-");

        assertEquals(416, refused.status(), refused::toString);
        assertEquals("bytes */" + SIZE, refused.header("Content-Range"));
        assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused::toString);
    }

    @Test
    void rangesAreSentUncompressedEvenToClientsThatAcceptGzip() {
        MediaHttp.Reply part = MediaHttp.get(org.sharedCoach, media + "master.m3u8", "Range", "bytes=0-9", "Accept-Encoding", "gzip");

        assertEquals(206, part.status(), part::toString);
        assertFalse("gzip".equals(part.header("Content-Encoding")), part::toString);
        assertEquals(MediaFixtures.MASTER.substring(0, 10), part.text());
    }

    @Test
    void headAnswersSizeTypeAndTagWithoutABody() {
        MediaHttp.Reply whole = MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s");

        MediaHttp.Reply head = MediaHttp.send(org.sharedCoach, "HEAD", media + "v360/seg_00001.m4s");

        assertEquals(200, head.status(), head::toString);
        assertEquals(Integer.toString(SIZE), head.header("Content-Length"));
        assertEquals("video/iso.segment", head.header("Content-Type"));
        assertEquals(whole.header("ETag"), head.header("ETag"));
        assertEquals(0, head.body().length);
    }

    @Test
    void aMatchingIfNoneMatchIs304AndADifferentOneGetsTheFile() {
        String etag = MediaHttp.get(org.sharedCoach, media + "master.m3u8").header("ETag");
        assertNotNull(etag);

        MediaHttp.Reply unchanged = MediaHttp.get(org.sharedCoach, media + "master.m3u8", "If-None-Match", "\"other\", " + etag);
        MediaHttp.Reply changed = MediaHttp.get(org.sharedCoach, media + "master.m3u8", "If-None-Match", "\"other\"");

        assertEquals(304, unchanged.status(), unchanged::toString);
        assertEquals(0, unchanged.body().length);
        assertEquals(etag, unchanged.header("ETag"));
        assertEquals("private, no-cache", unchanged.header("Cache-Control"));
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(MediaFixtures.MASTER, changed.text());
    }

    @Test
    void aRangeForAnOlderCopyGetsTheWholeCurrentFile() {
        MediaHttp.Reply whole = MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s",
                "Range", "bytes=0-9", "If-Range", "\"an-older-etag\"");

        assertEquals(200, whole.status(), whole::toString);
        assertNull(whole.header("Content-Range"));
        assertArrayEquals(MediaFixtures.segment(), whole.body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "../source", "v360/../../source", "%2e%2e/source", "%2E%2E/%2E%2E/source", "..%2fsource", "v360%2f..%2f..%2fsource",
            "v360/%2e%2e/%2e%2e/source", "source", "source.m4s", "v360/seg_00001.exe", "v360/seg_00001", ".hidden.json",
            "v360//seg_00001.m4s", "a/b/c/d.m4s", "v360/seg_00001.m4s%00.jpg", "v360%5Cseg_00001.m4s", "v360/seg_00001.m4s/",
            ".", "v360/../master.m3u8", "%6Daster.m3u8", "v360/%2e%2e/master.m3u8"})
    void pathsOutsideTheMediaFolderOrWithUnknownNamesAre404AndNeverTheSource(String rest) {
        MediaHttp.Reply refused = MediaHttp.raw(org.teacher, media + rest);

        assertEquals(404, refused.status(), refused::toString);
        assertFalse(refused.text().contains(MediaFixtures.SOURCE_MARKER), "the original upload leaked");
        assertTrue(refused.header("content-type").startsWith("application/problem+json"), refused::toString);
    }

    @Test
    void dotSegmentsBeforeTheMediaFolderAre404Too() {
        String id = media.split("/")[3];

        for (String target : new String[] {"/api/recordings/" + id + "/shares/../media/master.m3u8",
                "/api/recordings/" + id + "/%2e%2e/" + id + "/media/master.m3u8", "/api/x/../recordings/" + id + "/media/poster.jpg"}) {
            MediaHttp.Reply refused = MediaHttp.raw(org.teacher, target);

            assertEquals(404, refused.status(), () -> target + ": " + refused);
        }
    }

    @Test
    void aVeryLongNameIs404() {
        MediaHttp.Reply refused = MediaHttp.get(org.teacher, media + "a".repeat(300) + ".m4s");

        assertEquals(404, refused.status(), refused::toString);
    }
}
