package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** The operator's job routes: admins see states and errors (never content) and retry failed jobs; nobody else may. */
@RealServer
class JobsRoutesTest {
    private static final String TITLE = "Fractions, period 3";

    private static TestServer server;
    private static Organization org;

    @Test
    void anAdminListsDeadJobsNewestFirstWithTheirErrorsAndNothingOfTheRecording() {
        String recordingId = org.recording(TITLE);
        String older = job(recordingId, "dead", "now() - interval '1 hour'", "ffmpeg exited with status 1");
        String newer = job(recordingId, "dead", "now()", "Probe failed: not a video");

        ApiResponse list = org.admin.get("/api/jobs?state=dead");

        assertEquals(200, list.status(), list::toString);
        List<String> ids = list.array().stream().map(j -> ((JsonObject) j).getString("id")).toList();
        assertTrue(ids.indexOf(newer) >= 0 && ids.indexOf(newer) < ids.indexOf(older), ids.toString());
        JsonObject job = list.array().getJsonObject(ids.indexOf(newer));
        assertEquals("transcode", job.getString("kind"));
        assertEquals(recordingId, job.getString("recordingId"));
        assertEquals("dead", job.getString("state"));
        assertEquals(3, job.getInteger("attempts"));
        assertEquals(3, job.getInteger("maxAttempts"));
        assertEquals("Probe failed: not a video", job.getString("lastError"));
        assertTrue(job.containsKey("updatedAt"));
        assertFalse(list.body().contains(TITLE), "the list shows the recording's title");
        assertFalse(job.fieldNames().stream().anyMatch(Set.of("payload", "title", "leaseOwner")::contains), job.encode());
    }

    @Test
    void theListHoldsOnlyJobsInTheAskedState() {
        String recordingId = org.recording(TITLE);
        String queued = job(recordingId, "queued", "now()", null);
        String dead = job(recordingId, "dead", "now()", "boom");

        String queuedList = org.admin.get("/api/jobs?state=queued").body();
        String deadList = org.admin.get("/api/jobs").body();

        assertTrue(queuedList.contains(queued) && !queuedList.contains(dead));
        assertTrue(deadList.contains(dead) && !deadList.contains(queued), "without ?state the dead jobs are listed");
        assertProblem(org.admin.get("/api/jobs?state=sleeping"), 400, "state");
    }

    @Test
    void onlyAnAdminMayListJobs() {
        assertProblem(org.teacher.get("/api/jobs?state=dead"), 403);
        assertProblem(org.sharedCoach.get("/api/jobs?state=dead"), 403);
        assertProblem(org.anonymous.get("/api/jobs?state=dead"), 401);
    }

    @Test
    void anAdminRetriesADeadJob() {
        String id = job(org.recording(TITLE), "dead", "now()", "storage was down");

        ApiResponse retried = org.admin.postJson("/api/jobs/" + id + "/retry", new JsonObject());

        assertEquals(202, retried.status(), retried::toString);
        assertEquals(id, retried.json().getString("id"));
        assertEquals("queued", retried.json().getString("state"));
        assertEquals(0, retried.json().getInteger("attempts"));
        assertTrue(org.admin.get("/api/jobs?state=queued").body().contains(id));
        assertFalse(org.admin.get("/api/jobs?state=dead").body().contains(id));
    }

    @Test
    void retryingAJobThatDidNotFailIsAConflict() {
        String succeeded = job(org.recording(TITLE), "succeeded", "now()", null);

        assertProblem(org.admin.postJson("/api/jobs/" + succeeded + "/retry", new JsonObject()), 409, "succeeded");
    }

    @Test
    void retryingAnUnknownJobIs404() {
        assertProblem(org.admin.postJson("/api/jobs/" + UUID.randomUUID() + "/retry", new JsonObject()), 404);
        assertProblem(org.admin.postJson("/api/jobs/not-an-id/retry", new JsonObject()), 404);
    }

    @Test
    void onlyAnAdminMayRetryAJob() {
        String id = job(org.recording(TITLE), "dead", "now()", "boom");

        assertProblem(org.teacher.postJson("/api/jobs/" + id + "/retry", new JsonObject()), 403);
        assertProblem(org.anonymous.postJson("/api/jobs/" + id + "/retry", new JsonObject()), 401);
        assertTrue(org.admin.get("/api/jobs?state=dead").body().contains(id), "a refused retry changed the job");
    }

    /** A transcode job on the recording, in this state, last updated at the given SQL time. */
    private static String job(String recordingId, String state, String updatedAt, String lastError) {
        String id = UUID.randomUUID().toString();
        String error = lastError == null ? "null" : "'" + lastError.replace("'", "''") + "'";
        server.sqlUpdate("insert into jobs (id, kind, recording_id, state, attempts, max_attempts, last_error, updated_at) values ('"
                + id + "', 'transcode', ?::uuid, '" + state + "', 3, 3, " + error + ", " + updatedAt + ")", recordingId);
        return id;
    }
}
