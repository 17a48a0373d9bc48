package org.lessonloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/** The admin command line against a running server's PostgreSQL and S3: what it changes, the server sees. */
@RealServer(env = {"LESSONLOOP_ROLE=web"})
class AdminCommandTest {
    private static TestServer server;
    private static Organization org;
    private static Cli cli;

    @BeforeAll
    static void start() {
        cli = new Cli(server.env());
    }

    @Test
    void createAdminMakesTheFirstAdministratorWithThePasswordFromStandardInputAndRefusesASecond() {
        DatabaseSettings db = TestDatabase.fresh();
        Map<String, String> env = new HashMap<>(server.env());
        env.put("LESSONLOOP_DB_URL", db.jdbcUrl());
        env.remove("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL");
        env.remove("LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD");
        Cli fresh = new Cli(env);

        Cli.Result created = fresh.typing("first-admin-password\n", "create-admin", "--email", "Head@School.test");
        Cli.Result second = fresh.typing("second-admin-password\n", "create-admin", "--email", "other@school.test");

        assertEquals(0, created.code(), created::toString);
        assertTrue(created.out().contains("head@school.test"), created::toString);
        assertEquals(1, second.code(), second::toString);
        assertTrue(second.err().contains("exists already"), second::toString);
        try (TestServer onIt = TestServer.start(db, Map.of("LESSONLOOP_ROLE", "web"))) {
            ApiClient head = onIt.anonymous().signIn("head@school.test", "first-admin-password");
            assertEquals("admin", head.get("/api/me").json().getString("role"));
            assertEquals(401, signInStatus(onIt.anonymous(), "other@school.test", "second-admin-password"));
        }
    }

    @Test
    void aPasswordTooShortOrMissingOnStandardInputCreatesNothing() {
        Cli.Result none = cli.typing("", "reset-password", "--email", "teacher@school.test");
        Cli.Result shortOne = cli.typing("short\n", "reset-password", "--email", "teacher@school.test");

        assertEquals(1, none.code(), none::toString);
        assertTrue(none.err().contains("No New password"), none::toString);
        assertEquals(1, shortOne.code(), shortOne::toString);
        assertTrue(shortOne.err().contains("at least 12"), shortOne::toString);
    }

    @Test
    void resetPasswordSetsTheNewPasswordAndEndsEverySessionOfTheAccount() {
        String email = "other.coach@school.test";
        ApiClient before = org.anonymous.signIn(email, Organization.passwordOf(email));
        // The activation's, the organization's and this one: however many the account has, all end.
        int sessions = before.get("/api/me/sessions").array().size();
        assertTrue(sessions >= 2, "sessions before the reset: " + sessions);

        Cli.Result reset = cli.typing("a-brand-new-password\n", "reset-password", "--email", email);

        assertEquals(0, reset.code(), reset::toString);
        assertTrue(reset.out().contains("ended " + sessions + " session(s)"), reset::toString);
        assertEquals(401, before.get("/api/me").status(), "the server's session cache heard of the reset");
        assertEquals(401, signInStatus(server.anonymous(), email, Organization.passwordOf(email)));
        assertEquals(200, server.anonymous().signIn(email, "a-brand-new-password").get("/api/me").status());
        assertEquals(1, cli.typing("whatever-long-enough\n", "reset-password", "--email", "nobody@school.test").code());
    }

    @Test
    void deadJobsAreListedAndRequeuedWithAllTheirAttempts() {
        String dead = insertDeadJob("ffmpeg said: Invalid data\nfound when processing input");
        String other = insertDeadJob("storage away");

        Cli.Result listed = cli.run("jobs", "list");
        Cli.Result retried = cli.run("jobs", "retry", dead);

        assertEquals(0, listed.code(), listed::toString);
        assertTrue(listed.out().contains(dead + "  test.never-claimed  dead"), listed::toString);
        assertTrue(listed.out().contains("attempts 3/3"), listed::toString);
        assertTrue(listed.out().contains("ffmpeg said: Invalid data found when processing input"), "one line per job: " + listed);
        assertEquals(0, retried.code(), retried::toString);
        Cli.Result queued = cli.run("jobs", "list", "--state", "QUEUED");
        assertTrue(queued.out().contains(dead + "  test.never-claimed  queued  recording -  attempts 0/3"), queued::toString);
        assertTrue(cli.run("jobs", "list").out().contains(other), "the other dead job stays dead");
        Cli.Result again = cli.run("jobs", "retry", dead);
        assertEquals(1, again.code(), again::toString);
        assertTrue(again.err().contains("only a dead or cancelled job can be retried"), again::toString);

        assertEquals(0, cli.run("jobs", "retry", "--all-dead").code());
        assertTrue(cli.run("jobs", "list", "--state", "queued").out().contains(other));
    }

    @Test
    void purgeDropsExpiredUploadsAndSessionsAndSaysRetentionIsNotBuilt() {
        String recording = org.recording("Abandoned on the bus");
        String url = new Tus(org.teacher).start(recording, 12L << 20);
        assertEquals(204, new Tus(org.teacher).patch(url, 0, new byte[6 << 20]).status());
        assertEquals(1, server.store().listMultipartUploads("recordings/" + recording).size());
        server.sqlUpdate("update uploads set expires_at = now() - interval '1 minute' where id = ?::uuid",
                url.substring(url.lastIndexOf('/') + 1));
        ApiClient stale = server.anonymous().signIn("teacher@school.test", Organization.passwordOf("teacher@school.test"));
        assertEquals(1, server.sqlUpdate("update sessions set expires_at = now() - interval '1 minute' where token_hash = "
                + "(select token_hash from sessions where user_id = ?::uuid order by created_at desc limit 1)", org.teacherId));

        Cli.Result purged = cli.run("purge");

        assertEquals(0, purged.code(), purged::toString);
        assertTrue(purged.out().contains("Deleted 1 expired session(s)"), purged::toString);
        assertTrue(purged.out().contains("Dropped 1 expired unfinished upload(s)"), purged::toString);
        assertTrue(purged.out().contains("Retention is applied by the servers' jobs"), purged::toString);
        assertEquals(401, stale.get("/api/me").status());
        assertEquals(List.of(), server.store().listMultipartUploads("recordings/" + recording));
        assertEquals("failed", org.teacher.get("/api/recordings/" + recording).json().getString("status"));
    }

    @Test
    void theJarsMainRunsTheAdminCommandsAndExitsWithTheirCode() throws IOException, InterruptedException {
        assertEquals(0, mainExit(server.env(), "admin", "jobs", "list", "--state", "succeeded"));
        assertEquals(2, mainExit(server.env(), "admin", "no-such-command"));
        Map<String, String> wrong = new HashMap<>(server.env());
        wrong.put("LESSONLOOP_JOB_LEASE_SECONDS", "1");
        assertEquals(2, mainExit(wrong, "admin", "jobs", "list"), "a malformed setting stops it as it stops the server");
    }

    private static int mainExit(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ServerProcess.Exit run = ServerProcess.runUntilExit(env, java.time.Duration.ofSeconds(90), args);
        System.out.println(String.join(" ", args) + " → exit " + run.status() + "\n" + run.log());
        return run.status();
    }

    private static String insertDeadJob(String error) {
        String id = UUID.randomUUID().toString();
        server.sqlUpdate("insert into jobs (id, kind, state, attempts, max_attempts, last_error, finished_at) "
                + "values ('" + id + "'::uuid, 'test.never-claimed', 'dead', 3, 3, ?, now())", error);
        return id;
    }

    private static int signInStatus(ApiClient client, String email, String password) {
        return client.postJson("/api/session", new JsonObject().put("email", email).put("password", password)).status();
    }
}
