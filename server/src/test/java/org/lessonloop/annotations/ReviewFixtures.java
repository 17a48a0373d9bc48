package org.lessonloop.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.TestServer;

/** Builds review situations through the API: a probed recording, a framework tag, a goal, a comment, a clip. */
final class ReviewFixtures {
    private final TestServer server;

    ReviewFixtures(TestServer server) {
        this.server = server;
    }

    /** What the media pipeline would record after probing the file. */
    void probed(String recordingId, long durationMs) {
        assertEquals(1, server.sqlUpdate("UPDATE recordings SET duration_ms = " + durationMs + " WHERE id = ?::uuid", recordingId));
    }

    /** A new tag set of the admin's organization with one tag; returns the tag's id. */
    static String frameworkTag(ApiClient admin, String name, String color) {
        ApiResponse set = admin.postJson("/api/tag-sets", new JsonObject().put("name", "Set for " + name + " " + UUID.randomUUID()));
        assertEquals(201, set.status(), set::toString);
        ApiResponse withTag = admin.postJson("/api/tag-sets/" + set.json().getString("id") + "/tags",
                new JsonObject().put("name", name).put("color", color));
        assertEquals(201, withTag.status(), withTag::toString);
        return withTag.json().getJsonArray("tags").getJsonObject(0).getString("id");
    }

    /** A tag of another organization, written straight into the database (no admin of ours can make one). */
    String foreignTag() {
        String org = UUID.randomUUID().toString();
        String set = UUID.randomUUID().toString();
        String tag = UUID.randomUUID().toString();
        server.sqlUpdate("INSERT INTO organizations (id, name) VALUES (?::uuid, 'Another district')", org);
        server.sqlUpdate("INSERT INTO tag_sets (id, organization_id, name) VALUES (?::uuid, '" + org + "', 'Theirs')", set);
        server.sqlUpdate("INSERT INTO tags (id, tag_set_id, name, color) VALUES (?::uuid, '" + set + "', 'Theirs', '#000000')", tag);
        return tag;
    }

    static String goal(ApiClient teacher, String statement) {
        ApiResponse goal = teacher.postJson("/api/goals", new JsonObject().put("statement", statement));
        assertEquals(201, goal.status(), goal::toString);
        return goal.json().getString("id");
    }

    static JsonObject comment(ApiClient author, String recordingId, JsonObject body) {
        ApiResponse created = author.postJson("/api/recordings/" + recordingId + "/comments", body);
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    static JsonObject shared(ApiClient author, String recordingId, long startMs, String text) {
        return comment(author, recordingId, new JsonObject().put("startMs", startMs).put("body", text));
    }

    static JsonObject privateNote(ApiClient author, String recordingId, long startMs, String text) {
        return comment(author, recordingId, new JsonObject().put("startMs", startMs).put("body", text).put("visibility", "private"));
    }

    static JsonObject clip(ApiClient author, String recordingId, long startMs, long endMs, String title) {
        ApiResponse created = author.postJson("/api/recordings/" + recordingId + "/clips",
                new JsonObject().put("title", title).put("startMs", startMs).put("endMs", endMs));
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    static JsonObject timeline(ApiClient reader, String recordingId) {
        ApiResponse timeline = reader.get("/api/recordings/" + recordingId + "/timeline");
        assertEquals(200, timeline.status(), timeline::toString);
        return timeline.json();
    }
}
