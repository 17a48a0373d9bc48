package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.People;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;

/** The login throttle lives in PostgreSQL (issue 11 item 3): two web nodes count the same failures. */
class LoginThrottleAcrossNodesTest {
    private static final String PASSWORD = "the teacher's own passphrase";

    private static TestServer first;
    private static TestServer second;

    @BeforeAll
    static void start() {
        DatabaseSettings db = TestDatabase.fresh();
        first = TestServer.start(db, Map.of());
        second = TestServer.start(db, Map.of());
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    /** Both tests fail from 127.0.0.1: each starts with a clean count. */
    @BeforeEach
    void forgetFailures() {
        first.sqlUpdate("delete from login_throttle where key_hash <> ?", "");
    }

    @Test
    void failuresOnOneNodeCountOnTheOther() {
        String email = person("guessed@school.test");
        for (int attempt = 1; attempt <= LoginThrottle.PER_ACCOUNT; attempt++) {
            assertProblem(signIn(attempt % 2 == 0 ? first : second, email, "wrong-guess-" + attempt), 401);
        }

        assertProblem(signIn(first, email, PASSWORD), 429, "try again");
        assertProblem(signIn(second, email, PASSWORD), 429, "try again");
    }

    @Test
    void oneAddressTryingManyEmailsIsStoppedOnEveryNode() {
        String bystander = person("bystander@school.test");
        assertEquals(200, signIn(second, bystander, PASSWORD).status());
        for (int attempt = 1; attempt <= LoginThrottle.PER_CLIENT; attempt++) {
            assertProblem(signIn(attempt % 2 == 0 ? first : second, "made.up." + attempt + "@nowhere.test", "guess-number-" + attempt), 401);
        }

        assertProblem(signIn(first, "yet.another@nowhere.test", "guess-number-0"), 429, "network");
        assertProblem(signIn(second, bystander, PASSWORD), 429, "network");
    }

    private static String person(String email) {
        People.invitedAndActivated(first.admin(), email, "Someone", "teacher", PASSWORD);
        return email;
    }

    private static ApiResponse signIn(TestServer node, String email, String password) {
        return new ApiClient(node.base()).postJson("/api/session", new JsonObject().put("email", email).put("password", password));
    }
}
