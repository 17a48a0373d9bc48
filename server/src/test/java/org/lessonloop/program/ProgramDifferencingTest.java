package org.lessonloop.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Program numbers must not let an admin single out a small group by subtraction (the school minus
 * the coach groups shown, or one group minus another): the admin made the pairs, so she knows who
 * a leftover is. The tests run in order on one school of 12 teachers whose pairs change.
 */
@RealServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgramDifferencingTest {
    private static TestServer server;
    private static ApiClient admin;
    private static final List<String> teachers = new ArrayList<>();
    private static String coachA;
    private static String coachB;

    @BeforeAll
    static void twelveTeachersTwoCoaches() {
        admin = server.admin();
        for (int i = 1; i <= 12; i++) {
            String email = "t" + i + "@differencing.test";
            teachers.add(People.invitedAndActivated(admin, email, "Teacher " + i, "teacher", "pw-" + email + "-long-enough").getString("id"));
        }
        coachA = coach("Ada Coach");
        coachB = coach("Ben Coach");
        teachers.subList(0, 5).forEach(t -> pair(coachA, t));
        teachers.subList(5, 11).forEach(t -> pair(coachB, t));
        // The leftover teacher's goals are what a subtraction would give away.
        server.sqlUpdate("INSERT INTO goals (id, teacher_id, statement, status, phase) VALUES (gen_random_uuid(), ?::uuid, 'Leftover goal', 'met', 'identify')",
                teachers.get(11));
    }

    @Test
    @Order(1)
    void aLeftoverOfOneTeacherHidesTheSmallerCoachGroup() {
        JsonObject program = program();

        assertEquals(12, program.getJsonObject("school").getInteger("teachers"));
        assertTrue(row(program, coachA).getBoolean("suppressed"), program::encode);
        assertEquals(6, row(program, coachB).getInteger("teachers"), program::encode);
        assertNoSmallRemainder(program);
    }

    @Test
    @Order(2)
    void onceNoOneIsLeftOverBothGroupsShow() {
        pair(coachB, teachers.get(11));

        JsonObject program = program();

        assertEquals(5, row(program, coachA).getInteger("teachers"), program::encode);
        assertEquals(7, row(program, coachB).getInteger("teachers"), program::encode);
        assertNoSmallRemainder(program);
    }

    @Test
    @Order(3)
    void aGroupOverlappingOthersByOneTeacherIsHidden() {
        String coachC = coach("Cai Coach");
        teachers.subList(0, 6).forEach(t -> pair(coachC, t));

        JsonObject program = program();

        // C minus A is teacher 6 alone, who is also in B: C (6 teachers) goes, A and B stay.
        assertTrue(row(program, coachC).getBoolean("suppressed"), program::encode);
        assertFalse(row(program, coachA).getBoolean("suppressed"), program::encode);
        assertFalse(row(program, coachB).getBoolean("suppressed"), program::encode);
    }

    /** With disjoint shown groups, the school minus them is no one or at least 5 teachers. */
    private static void assertNoSmallRemainder(JsonObject program) {
        int shown = program.getJsonArray("coaches").stream().map(JsonObject.class::cast)
                .filter(row -> !row.getBoolean("suppressed")).mapToInt(row -> row.getInteger("teachers")).sum();
        int remainder = program.getJsonObject("school").getInteger("teachers") - shown;
        assertTrue(remainder == 0 || remainder >= ProgramNumbers.SMALLEST_GROUP, () -> remainder + " teachers left over: " + program.encode());
        int goalsLeft = program.getJsonObject("school").getInteger("goalsMet") - program.getJsonArray("coaches").stream()
                .map(JsonObject.class::cast).filter(row -> !row.getBoolean("suppressed")).mapToInt(row -> row.getInteger("goalsMet")).sum();
        assertTrue(remainder >= ProgramNumbers.SMALLEST_GROUP || goalsLeft == 0, program::encode);
    }

    private static String coach(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "@differencing.test";
        return People.invitedAndActivated(admin, email, name, "coach", "pw-" + email + "-long-enough").getString("id");
    }

    private static void pair(String coachId, String teacherId) {
        ApiResponse paired = admin.postJson("/api/pairs", new JsonObject().put("coachId", coachId).put("teacherId", teacherId));
        assertEquals(201, paired.status(), paired::toString);
    }

    private static JsonObject program() {
        ApiResponse response = admin.get("/api/program");
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    private static JsonObject row(JsonObject program, String coachId) {
        return program.getJsonArray("coaches").stream().map(JsonObject.class::cast)
                .filter(row -> coachId.equals(row.getString("coachId"))).findFirst().orElseThrow();
    }
}
