package org.lessonloop.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** SMART goals: the teacher's to write, their coaches' to read and measure, nobody else's to see. */
@RealServer
class GoalsApiTest {
    private static TestServer server;
    private static Organization org;

    @BeforeAll
    static void start() {
        org.sharedRecording();
    }

    @Test
    void aTeacherSetsASmartGoal() {
        ApiResponse created = org.teacher.postJson("/api/goals", new JsonObject()
                .put("statement", "Students explain their reasoning").put("measure", "% of answers with a reason")
                .put("baseline", "20%").put("target", "60%").put("dueDate", "2027-03-01").put("phase", "learn"));

        assertEquals(201, created.status(), created::toString);
        JsonObject goal = created.json();
        assertEquals(org.teacherId, goal.getString("teacherId"));
        assertEquals("% of answers with a reason", goal.getString("measure"));
        assertEquals("2027-03-01", goal.getString("dueDate"));
        assertEquals("active", goal.getString("status"));
        assertEquals("learn", goal.getString("phase"));
    }

    @Test
    void theTeachersCoachReadsTheGoalAndNobodyElseDoes() {
        String id = goal("Wait time of three seconds");

        assertEquals(200, org.sharedCoach.get("/api/goals/" + id).status());
        assertTrue(goalIds(org.sharedCoach).contains(id));
        for (ApiClient outsider : List.of(org.unsharedCoach, org.otherTeacher, org.admin)) {
            assertProblem(outsider.get("/api/goals/" + id), 404);
            assertFalse(goalIds(outsider).contains(id));
        }
    }

    @Test
    void onlyTheTeacherChangesTheGoal() {
        String id = goal("Fewer transitions");

        ApiResponse met = org.teacher.patchJson("/api/goals/" + id, new JsonObject().put("status", "met").put("phase", "improve"));

        assertEquals(200, met.status(), met::toString);
        assertEquals(List.of("met", "improve", "Fewer transitions"),
                List.of(met.json().getString("status"), met.json().getString("phase"), met.json().getString("statement")));
        assertProblem(org.sharedCoach.patchJson("/api/goals/" + id, new JsonObject().put("status", "archived")), 403);
        assertProblem(org.teacher.patchJson("/api/goals/" + id, new JsonObject().put("status", "finished")), 400, "status");
        assertProblem(org.teacher.patchJson("/api/goals/" + id, new JsonObject().putNull("statement")), 400, "statement");
        assertEquals("met", org.teacher.get("/api/goals/" + id).json().getString("status"));
    }

    @Test
    void coachesAndAdminsCannotSetGoals() {
        assertProblem(org.sharedCoach.postJson("/api/goals", new JsonObject().put("statement", "For Tia")), 403);
        assertProblem(org.admin.postJson("/api/goals", new JsonObject().put("statement", "For everyone")), 403);
        assertProblem(org.teacher.postJson("/api/goals", new JsonObject().put("measure", "No statement")), 400, "statement");
    }

    @Test
    void measurementsFormAProgressSeriesOldestFirst() {
        String id = goal("More student talk");
        String recording = org.sharedRecording();

        ApiResponse later = org.sharedCoach.postJson("/api/goals/" + id + "/measurements",
                new JsonObject().put("date", "2026-11-20").put("value", 42.5).put("recordingId", recording));
        ApiResponse earlier = org.teacher.postJson("/api/goals/" + id + "/measurements",
                new JsonObject().put("date", "2026-10-01").put("value", 20).put("note", "Baseline lesson"));

        assertEquals(201, later.status(), later::toString);
        assertEquals(201, earlier.status(), earlier::toString);
        JsonArray series = org.teacher.get("/api/goals/" + id).json().getJsonArray("measurements");
        assertEquals(List.of("2026-10-01", "2026-11-20"), series.stream().map(m -> ((JsonObject) m).getString("date")).toList());
        assertEquals(42.5, series.getJsonObject(1).getDouble("value"));
        assertEquals(recording, series.getJsonObject(1).getString("recordingId"));
    }

    @Test
    void aMeasurementMustBeOnTheTeachersOwnRecording() {
        String id = goal("Clear instructions");
        String olus = org.otherTeacher.postJson("/api/recordings", new JsonObject().put("title", "Olu's")).json().getString("id");
        org.otherTeacher.postJson("/api/recordings/" + olus + "/shares", new JsonObject().put("userId", org.sharedCoachId).put("permission", "view"));

        assertProblem(org.sharedCoach.postJson("/api/goals/" + id + "/measurements",
                new JsonObject().put("date", "2026-11-20").put("value", 1).put("recordingId", olus)), 400, "recording of the teacher");
        assertProblem(org.sharedCoach.postJson("/api/goals/" + id + "/measurements", new JsonObject().put("date", "2026-11-20").put("value", "lots")),
                400, "number");
        assertProblem(org.unsharedCoach.postJson("/api/goals/" + id + "/measurements", new JsonObject().put("date", "2026-11-20").put("value", 1)), 404);
        assertEquals(0, org.teacher.get("/api/goals/" + id).json().getJsonArray("measurements").size());
    }

    @Test
    void aMeasurementTooLargeToStoreIsRefusedNotAServerError() {
        String id = goal("Wait time");

        for (String huge : List.of("10000000000", "123456789012345678901234567890", "-1e12")) {
            assertProblem(org.teacher.sendRaw("POST", "/api/goals/" + id + "/measurements", "application/json",
                    "{\"date\": \"2026-11-20\", \"value\": " + huge + "}"), 400, "smaller than 10,000,000,000");
        }
        assertEquals(201, org.teacher.postJson("/api/goals/" + id + "/measurements",
                new JsonObject().put("date", "2026-11-20").put("value", 9_999_999_999.5)).status());
    }

    @Test
    void aMeasurementsAnswerShowsTheValueAsStored() {
        String id = goal("Turn and talk");

        ApiResponse created = org.teacher.postJson("/api/goals/" + id + "/measurements",
                new JsonObject().put("date", "2026-11-20").put("value", 1.23456));

        assertEquals(201, created.status(), created::toString);
        assertEquals(1.2346, created.json().getDouble("value"));
        assertEquals(1.2346, org.teacher.get("/api/goals/" + id).json().getJsonArray("measurements").getJsonObject(0).getDouble("value"));
    }

    private static String goal(String statement) {
        ApiResponse created = org.teacher.postJson("/api/goals", new JsonObject().put("statement", statement));
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    private static Set<String> goalIds(ApiClient client) {
        ApiResponse list = client.get("/api/goals");
        assertEquals(200, list.status(), list::toString);
        return list.array().stream().map(g -> ((JsonObject) g).getString("id")).collect(Collectors.toSet());
    }
}
