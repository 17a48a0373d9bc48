package org.lessonloop.media.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** LESSONLOOP_MEDIA_DELIVERY=redirect: segments and images come straight from storage, after the same access check. */
@RealServer(env = {"LESSONLOOP_MEDIA_DELIVERY=redirect", "LESSONLOOP_MEDIA_REDIRECT_TTL=30"})
class MediaRedirectTest {
    private static TestServer server;
    private static Organization org;

    @Test
    void aSegmentRedirectsToAShortLivedStorageUrlThatServesIt() {
        String media = mediaOfSharedRecording();

        MediaHttp.Reply redirect = MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s");

        assertEquals(302, redirect.status(), redirect::toString);
        assertEquals("private, no-store", redirect.header("Cache-Control"));
        String location = redirect.header("Location");
        assertTrue(location.contains("X-Amz-Expires=30"), location);
        MediaHttp.Reply stored = MediaHttp.getUrl(location);
        assertEquals(200, stored.status(), stored::toString);
        assertArrayEquals(MediaFixtures.segment(), stored.body());
        assertEquals("video/iso.segment", stored.header("Content-Type"));
        assertEquals("private, max-age=3600", stored.header("Cache-Control"));
    }

    @Test
    void playlistsAndTheThumbnailTrackAreStillServedByTheServer() {
        String media = mediaOfSharedRecording();

        for (String manifest : List.of("master.m3u8", "v360/index.m3u8", "thumbnails.vtt")) {
            MediaHttp.Reply reply = MediaHttp.get(org.sharedCoach, media + manifest);

            assertEquals(200, reply.status(), reply::toString);
            assertNull(reply.header("Location"));
        }
        assertEquals(MediaFixtures.MASTER, MediaHttp.get(org.sharedCoach, media + "master.m3u8").text());
    }

    @Test
    void outsidersAreRefusedBeforeAnyRedirect() {
        String media = mediaOfSharedRecording();

        for (ApiClient outsider : List.of(org.unsharedCoach, org.otherTeacher, org.admin, org.anonymous)) {
            MediaHttp.Reply refused = MediaHttp.get(outsider, media + "poster.jpg");

            assertEquals(outsider == org.anonymous ? 401 : 404, refused.status(), refused::toString);
            assertNull(refused.header("Location"), refused::toString);
        }
    }

    @Test
    void aRevokedCoachGetsNoNewRedirect() {
        String media = mediaOfSharedRecording();
        String id = media.split("/")[3];
        assertEquals(302, MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s").status());

        org.teacher.delete("/api/recordings/" + id + "/shares/" + org.sharedCoachId);

        MediaHttp.Reply refused = MediaHttp.get(org.sharedCoach, media + "v360/seg_00001.m4s");
        assertEquals(404, refused.status(), refused::toString);
        assertNull(refused.header("Location"));
    }

    private static String mediaOfSharedRecording() {
        String id = org.sharedRecording();
        MediaFixtures.processed(server.store(), id);
        return "/api/recordings/" + id + "/media/";
    }
}
