package org.lessonloop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.SmtpServer;
import org.lessonloop.testing.TestServer;

/** An SMTP server that is down loses no mail: the outbox keeps it and the sender delivers it, once, when it is back. */
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

    private static String lastError(TestServer server) {
        var jobs = server.admin().get("/api/jobs?state=queued").array();
        return jobs.stream().map(JsonObject.class::cast).filter(job -> "mail.send".equals(job.getString("kind")))
                .map(job -> java.util.Objects.toString(job.getString("lastError"), "")).findFirst().orElse("");
    }
}
