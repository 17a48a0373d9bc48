package org.lessonloop.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;

/** Fixtures for debrief tests: rooms on the organization's shared recording or on a playlist of its clips. */
final class Rooms {
    private Rooms() {
    }

    /** A room the teacher made on a fresh recording shared with the coach (comment). */
    static String onSharedRecording(Organization org) {
        return create(org.teacher, new JsonObject().put("recordingId", org.sharedRecording()));
    }

    static String create(ApiClient maker, JsonObject body) {
        ApiResponse created = maker.postJson("/api/debriefs", body);
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    /** A room the coach made on a playlist of two clips (2–4 s, then 10–12 s) of the shared recording. */
    static JsonObject onPlaylist(Organization org, String recordingId) {
        String first = clip(org.sharedCoach, recordingId, 2_000, 4_000, "The question");
        String second = clip(org.sharedCoach, recordingId, 10_000, 12_000, "The wait");
        ApiResponse playlist = org.sharedCoach.postJson("/api/playlists",
                new JsonObject().put("title", "Wait time").put("clipIds", new JsonArray().add(first).add(second)));
        assertEquals(201, playlist.status(), playlist::toString);
        ApiResponse room = org.sharedCoach.postJson("/api/debriefs", new JsonObject().put("playlistId", playlist.json().getString("id")));
        assertEquals(201, room.status(), room::toString);
        return room.json();
    }

    private static String clip(ApiClient author, String recordingId, long startMs, long endMs, String title) {
        ApiResponse created = author.postJson("/api/recordings/" + recordingId + "/clips",
                new JsonObject().put("title", title).put("startMs", startMs).put("endMs", endMs));
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    static JsonObject state(JsonObject frame) {
        return frame.getJsonObject("state");
    }
}
