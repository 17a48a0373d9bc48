package org.lessonloop.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lessonloop.media.TestMedia;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * A real server process logging JSON, driven through sign-ins, a failed sign-in, a recording with a
 * recognisable title, an upload and its transcode, a comment, a mistyped URL holding an email: its
 * whole output then has a line per request and per job step, and none of what people typed or hold.
 */
class LogPrivacyTest {
    private static final String TITLE = "Ms Quintana's algebra, period 4";
    private static final String COMMENT = "Wonderful wait time after the Zanzibar question";
    private static final String STRANGER = "nobody.at.all@school.test";
    private static final String WRONG_PASSWORD = "not-the-password-Kiwi";

    @Test
    void theLogHasALinePerRequestAndJobStepAndNoEmailTitleCommentOrToken() throws Exception {
        Path dataDir = Files.createTempDirectory("lessonloop-logs");
        List<String> secrets = new ArrayList<>(List.of(TITLE, COMMENT, STRANGER, WRONG_PASSWORD, TestServer.ADMIN_EMAIL, "teacher@school.test",
                "coach@school.test", Organization.passwordOf("teacher@school.test")));
        String log;
        String recordingId;
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir)) {
            Map<String, String> env = TestServer.environment(dataDir, TestDatabase.fresh(), s3.settings());
            env.put("LESSONLOOP_LOG_FORMAT", "json");
            ServerProcess server = new ServerProcess(env, "256m");
            try {
                URI base = URI.create("http://127.0.0.1:" + server.port());
                Organization org = Organization.at(base);
                secrets.add(sessionToken(org.teacher));
                secrets.add(org.teacher.csrfToken());
                recordingId = org.recording(TITLE);
                new Tus(org.teacher).upload(recordingId, TestMedia.h264Aac(2, 320, 240));
                awaitReady(org.teacher, recordingId);
                ApiResponse comment = org.teacher.postJson("/api/recordings/" + recordingId + "/comments",
                        new JsonObject().put("startMs", 500).put("body", COMMENT));
                assertEquals(201, comment.status(), comment::toString);
                assertEquals(401, new ApiClient(base).postJson("/api/session",
                        new JsonObject().put("email", STRANGER).put("password", WRONG_PASSWORD)).status());
                assertEquals(404, org.teacher.get("/api/users/" + STRANGER).status());
                org.teacher.get("/api/recordings/" + recordingId + "/timeline?author=" + STRANGER);
            } finally {
                server.close(); // SIGTERM: the shutdown's lines are in the log too
            }
            log = server.log();
        }

        // Every line of ours is JSON; the others are the JVM's own warnings (native access) on stderr.
        List<JsonObject> lines = log.lines().filter(line -> line.startsWith("{")).map(LogPrivacyTest::json).toList();
        String decoded = String.join("\n", lines.stream().map(JsonObject::encode).toList());
        for (String secret : secrets) {
            assertTrue(!log.contains(secret) && !decoded.contains(secret), () -> "the log holds '" + secret + "':\n" + log);
        }
        assertTrue(lines.stream().anyMatch(line -> line.getString("formattedMessage").startsWith("POST /api/recordings/" + recordingId
                + "/comments 201 in ")), "a line for the comment's request");
        assertTrue(lines.stream().anyMatch(line -> line.getString("formattedMessage").startsWith("GET (withheld) 404 ")),
                "the mistyped URL is logged without its path");
        assertTrue(lines.stream().anyMatch(line -> line.getString("formattedMessage").startsWith("POST /api/session 401 in ")),
                "a line for the refused sign-in");
        assertTrue(lines.stream().anyMatch(line -> line.getString("formattedMessage").matches("Job .* \\(media.process\\) started, attempt 1 of .*")));
        assertTrue(lines.stream().anyMatch(line -> line.getString("formattedMessage").matches("Job .* \\(media.process\\) succeeded in \\d+ ms.*")));
    }

    private static JsonObject json(String line) {
        try {
            return new JsonObject(line);
        } catch (DecodeException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static String sessionToken(ApiClient client) {
        String cookie = client.cookieHeader();
        return cookie.substring(cookie.indexOf('=') + 1);
    }

    private static void awaitReady(ApiClient teacher, String id) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            String status = teacher.get("/api/recordings/" + id).json().getString("status");
            if ("ready".equals(status)) {
                return;
            }
            assertTrue(!"failed".equals(status), "processing failed");
            Thread.sleep(100);
        }
        throw new AssertionError("not ready in 2 minutes");
    }
}
