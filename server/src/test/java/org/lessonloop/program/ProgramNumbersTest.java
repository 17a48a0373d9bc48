package org.lessonloop.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * Program numbers for admins (issue 12, item 8): aggregates per school and per coach, none for a
 * group of fewer than 5 teachers, and no way from them to footage, comments or goals. The tests run
 * in order on one school that grows from 4 teachers to 5.
 */
@RealServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgramNumbersTest {
    private static final String GOAL_TEXT = "Students explain their reasoning in pairs";
    private static final String TITLE = "Fractions with the blue group";

    private static TestServer server;
    private static ApiClient admin;
    private static ApiClient coach;
    private static String coachId;
    private static final List<ApiClient> teachers = new ArrayList<>();
    private static String recordingId;
    private static String goalId;

    @BeforeAll
    static void aSchoolOfFourTeachers() {
        admin = server.admin();
        coach = person("coach@program.test", "coach");
        coachId = coach.get("/api/me").json().getString("id");
        for (int i = 1; i <= 4; i++) {
            addTeacher(i);
        }
        ApiClient first = teachers.get(0);
        recordingId = first.postJson("/api/recordings", new JsonObject().put("title", TITLE)).json().getString("id");
        // The recording as the pipeline leaves it once processed: a stored source of 45 minutes.
        server.sqlUpdate("UPDATE recordings SET status = 'ready', source_key = 'sources/' || id, source_filename = 'lesson.mp4', source_size = 1000, source_sha256 = repeat('0', 64), duration_ms = 2700000 WHERE id = ?::uuid", recordingId);
        goalId = first.postJson("/api/goals", new JsonObject().put("statement", GOAL_TEXT)).json().getString("id");
        first.patchJson("/api/goals/" + goalId, new JsonObject().put("status", "met"));
        teachers.get(1).postJson("/api/goals", new JsonObject().put("statement", "Wait time after questions"));
    }

    @Test
    @Order(1)
    void aSchoolOfFourTeachersShowsNoFigures() {
        JsonObject school = program().getJsonObject("school");

        assertTrue(school.getBoolean("suppressed"), school::encode);
        assertNull(school.getValue("uploads"));
        assertNull(school.getValue("teachers"));
        assertNull(school.getValue("goalsMet"));
    }

    @Test
    @Order(2)
    void aCoachWithFourTeachersShowsNoFigures() {
        JsonObject coachRow = coachRow(program());

        assertEquals("Carla Coach", coachRow.getString("name"));
        assertTrue(coachRow.getBoolean("suppressed"), coachRow::encode);
        assertNull(coachRow.getValue("hoursOfVideo"));
    }

    @Test
    @Order(3)
    void withAFifthTeacherTheSchoolAndTheCoachShowTheirFigures() {
        addTeacher(5);

        JsonObject program = program();
        for (JsonObject group : List.of(program.getJsonObject("school"), coachRow(program))) {
            assertFalse(group.getBoolean("suppressed"), group::encode);
            assertEquals(5, group.getInteger("teachers"));
            assertEquals(1, group.getInteger("uploads"));
            assertEquals(0.8, group.getDouble("hoursOfVideo"));
            assertEquals(2, group.getInteger("coachingCycles"));
            assertEquals(1, group.getInteger("goalsMet"));
            assertEquals(0, group.getInteger("debriefsHeld"));
        }
    }

    @Test
    @Order(4)
    void theNumbersLeadToNoFootageCommentOrGoal() {
        coach.postJson("/api/recordings/" + recordingId + "/comments", new JsonObject().put("startMs", 1000).put("body", "Lovely pause"));
        String body = admin.get("/api/program").body();

        assertFalse(body.contains(recordingId) || body.contains(goalId), body);
        assertFalse(body.contains(TITLE) || body.contains(GOAL_TEXT) || body.contains("Lovely pause"), body);
        assertEquals(404, admin.get("/api/recordings/" + recordingId).status());
        assertEquals(404, admin.get("/api/recordings/" + recordingId + "/media/master.m3u8").status());
        assertEquals(404, admin.get("/api/recordings/" + recordingId + "/timeline").status());
        assertEquals(404, admin.get("/api/goals/" + goalId).status());
    }

    @Test
    @Order(5)
    void onlyAnAdminReadsThem() {
        assertEquals(403, coach.get("/api/program").status());
        assertEquals(403, teachers.get(0).get("/api/program").status());
        assertEquals(401, server.anonymous().get("/api/program").status());
    }

    @Test
    @Order(6)
    void aDebriefCountsOnceItHasEnded() {
        ApiClient first = teachers.get(0);
        String held = first.postJson("/api/debriefs", new JsonObject().put("recordingId", recordingId)).json().getString("id");
        assertEquals(200, first.postJson("/api/debriefs/" + held + "/end", new JsonObject()).status());
        assertEquals(201, first.postJson("/api/debriefs", new JsonObject().put("recordingId", recordingId)).status());

        JsonObject program = program();
        for (JsonObject group : List.of(program.getJsonObject("school"), coachRow(program))) {
            assertEquals(1, group.getInteger("debriefsHeld"), group::encode);
        }
    }

    private static void addTeacher(int n) {
        ApiClient teacher = person("teacher" + n + "@program.test", "teacher");
        teachers.add(teacher);
        String teacherId = teacher.get("/api/me").json().getString("id");
        ApiResponse paired = admin.postJson("/api/pairs", new JsonObject().put("coachId", coachId).put("teacherId", teacherId));
        assertEquals(201, paired.status(), paired::toString);
        // The coach gets a share, so the comment above is a real coach's comment.
        if (n == 1) {
            String pairId = paired.json().getString("id");
            teacher.patchJson("/api/pairs/" + pairId, new JsonObject().put("standingPermission", "comment"));
        }
    }

    private static ApiClient person(String email, String role) {
        String password = "pw-" + email + "-long-enough";
        People.invitedAndActivated(admin, email, role.equals("coach") ? "Carla Coach" : "Teacher " + email, role, password);
        return server.anonymous().signIn(email, password);
    }

    private static JsonObject program() {
        ApiResponse response = admin.get("/api/program");
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    private static JsonObject coachRow(JsonObject program) {
        return program.getJsonArray("coaches").stream().map(JsonObject.class::cast)
                .filter(row -> coachId.equals(row.getString("coachId"))).findFirst().orElseThrow();
    }
}
