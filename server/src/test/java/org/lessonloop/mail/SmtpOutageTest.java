package org.lessonloop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.SmtpServer;
import org.lessonloop.testing.TestServer;

/**
 * An SMTP server that is down loses no mail: the outbox keeps it and the sender delivers it, once, when it is back;
 * a share revoked meanwhile takes its mail with it.
 */
class SmtpOutageTest {

    @Test
    void aMailQueuedWhileSmtpIsDownIsDeliveredOnceWhenItIsBack() throws InterruptedException {
        try (SmtpServer smtp = SmtpServer.notStarted()) {
            var env = new HashMap<>(smtp.env());
            env.put("LESSONLOOP_JOB_RETRY_SECONDS", "1");
            try (TestServer server = TestServer.start(env)) {
                ApiResponse invited = server.admin().postJson("/api/users", new JsonObject().put("email", "late@school.test")
                        .put("displayName", "Lee Late").put("role", "teacher"));
                assertEquals(201, invited.status(), invited::toString);
                // The first attempts fail: nothing listens on the SMTP port.
                String failed = Eventually.until(() -> lastError(server), error -> !error.isEmpty());
                assertTrue(failed.contains("SMTP"), failed);
                assertTrue(!failed.contains("late@school.test"), "no address in an error: " + failed);

                smtp.startAgain();
                var mails = smtp.await("late@school.test", 1, Duration.ofSeconds(30));
                assertEquals(1, mails.size());
                Thread.sleep(3_000);
                assertEquals(1, smtp.to("late@school.test").size(), "delivered once");
                assertEquals(0, server.sqlUpdate("update mail_outbox set cause = cause where sent_at is null and cause = ?", "invitation"));
            }
        }
    }

    @Test
    void sharesRevokedBeforeTheirMailsWentOutAreNeverMailed() {
        try (SmtpServer smtp = SmtpServer.start()) {
            var env = new HashMap<>(smtp.env());
            env.put("LESSONLOOP_JOB_RETRY_SECONDS", "1");
            try (TestServer server = TestServer.start(env)) {
                ApiClient teacher = smtp.invitedAndActivated(server.admin(), "tia@school.test", "Tia Teacher", "teacher", "pw-tia-long-enough-1");
                ApiClient coach = smtp.invitedAndActivated(server.admin(), "cara@school.test", "Cara Coach", "coach", "pw-cara-long-enough-1");
                String coachId = coach.get("/api/me").json().getString("id");
                smtp.stop();
                String revoked = recording(teacher, "Shared by mistake");
                String kept = recording(teacher, "Shared for good");
                share(teacher, revoked, coachId);
                share(teacher, kept, coachId);
                String pairId = server.admin().postJson("/api/pairs", new JsonObject().put("coachId", coachId)
                        .put("teacherId", teacher.get("/api/me").json().getString("id"))).json().getString("id");
                assertEquals(200, teacher.patchJson("/api/pairs/" + pairId, new JsonObject().put("standingPermission", "view")).status());
                Eventually.until(() -> lastError(server), error -> !error.isEmpty());
                ApiResponse revoke = teacher.delete("/api/recordings/" + revoked + "/shares/" + coachId);
                assertEquals(204, revoke.status(), revoke::toString);
                assertEquals(200, teacher.patchJson("/api/pairs/" + pairId, new JsonObject().putNull("standingPermission")).status());

                smtp.startAgain();
                assertEquals(1, smtp.await("cara@school.test", 1, Duration.ofSeconds(30)).size());
                // Every mail job has run again since SMTP came back: the revoked share's found nothing to send.
                Eventually.until(() -> queuedMails(server), queued -> queued == 0);
                List<String> subjects = smtp.to("cara@school.test").stream().map(SmtpServer.Received::subject).toList();
                assertEquals(List.of("Tia Teacher shared “Shared for good” with you"), subjects);
            }
        }
    }

    private static String recording(ApiClient teacher, String title) {
        ApiResponse created = teacher.postJson("/api/recordings", new JsonObject().put("title", title));
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    private static void share(ApiClient teacher, String recording, String userId) {
        ApiResponse shared = teacher.postJson("/api/recordings/" + recording + "/shares",
                new JsonObject().put("userId", userId).put("permission", "comment"));
        assertEquals(201, shared.status(), shared::toString);
    }

    private static long queuedMails(TestServer server) {
        return server.admin().get("/api/jobs?state=queued").array().stream().map(JsonObject.class::cast)
                .filter(job -> "mail.send".equals(job.getString("kind"))).count();
    }

    private static String lastError(TestServer server) {
        var jobs = server.admin().get("/api/jobs?state=queued").array();
        return jobs.stream().map(JsonObject.class::cast).filter(job -> "mail.send".equals(job.getString("kind")))
                .map(job -> java.util.Objects.toString(job.getString("lastError"), "")).findFirst().orElse("");
    }
}
