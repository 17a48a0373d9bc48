package org.lessonloop.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** The policy's API: only admins set it, bad numbers are refused with a reason; any activity moves a deletion away. */
@RealServer
class RetentionPolicyApiTest {
    private static TestServer server;
    private static Organization org;

    @Test
    void badPoliciesAreRefusedWithAProblemSayingWhatToFix() {
        assertProblem(put(org.admin, new JsonObject().put("deleteInactiveDays", 30).put("warnDays", 30)), 400,
                "must be shorter than the deletion period");
        assertProblem(put(org.admin, new JsonObject().put("purgeOriginalsDays", 0)), 400, "between 1 and 3650");
        assertProblem(put(org.admin, new JsonObject().put("deleteInactiveDays", 30)), 400, "must be warned");
        assertProblem(put(org.admin, new JsonObject().put("warnDays", 7)), 400, "needs a deletion rule");
        assertProblem(put(org.admin, new JsonObject().put("purgeOriginalsDays", "thirty")), 400, "whole number");
        assertProblem(put(org.admin, new JsonObject().put("purgeOriginalsDays", 30).put("keepForever", true)), 400);
        assertProblem(put(org.teacher, new JsonObject().put("purgeOriginalsDays", 30)), 403, "administrator");
        assertProblem(org.teacher.get("/api/retention-policy"), 403);
        assertProblem(org.teacher.postJson("/api/retention-policy/run", new JsonObject()), 403);
        assertEquals(new JsonObject().putNull("purgeOriginalsDays").putNull("deleteInactiveDays").putNull("warnDays"),
                org.admin.get("/api/retention-policy").json(), "nothing stored by the refused attempts");
    }

    @Test
    void aCommentOrAViewCountsAsActivityAndMovesTheDeletionAway() {
        assertEquals(200, put(org.admin, new JsonObject().put("purgeOriginalsDays", 90).put("deleteInactiveDays", 30).put("warnDays", 7))
                .status());
        assertEquals(new JsonObject().put("purgeOriginalsDays", 90).put("deleteInactiveDays", 30).put("warnDays", 7),
                org.admin.get("/api/retention-policy").json());
        String id = org.sharedRecording();
        // 25 days without activity: the rows say so (the clock stays; see OriginalsPurgeTest for moving it).
        server.sqlUpdate("UPDATE recordings SET created_at = now() - interval '25 days', updated_at = now() - interval '25 days' "
                + "WHERE id = ?::uuid", id);
        server.sqlUpdate("UPDATE recording_shares SET created_at = now() - interval '25 days' WHERE recording_id = ?::uuid", id);
        server.sqlUpdateBypassingTriggers("UPDATE audit_events SET occurred_at = now() - interval '25 days' WHERE recording_id = ?::uuid", id);
        JsonObject warned = org.teacher.get("/api/me/retention").json();
        assertEquals(List.of("Fractions, period 3"), InactiveDeletionTest.titles(org.teacher.get("/api/me/retention")));
        assertEquals(30, warned.getInteger("deleteInactiveDays"), "the rules are told with the notice");

        assertEquals(201, org.sharedCoach.postJson("/api/recordings/" + id + "/comments",
                new JsonObject().put("startMs", 0).put("body", "Lovely opening")).status());

        assertEquals(List.of(), InactiveDeletionTest.titles(org.teacher.get("/api/me/retention")), "the coach's comment is activity");
    }

    private static ApiResponse put(ApiClient who, JsonObject body) {
        return who.send("PUT", "/api/retention-policy", Map.of("Content-Type", "application/json"), body.encode().getBytes());
    }
}
