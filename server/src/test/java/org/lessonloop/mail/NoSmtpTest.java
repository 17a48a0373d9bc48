package org.lessonloop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** Without SMTP configured nothing breaks: links are shown to the admin once, shares and mentions work, nothing is queued. */
@RealServer
class NoSmtpTest {
    static TestServer server;
    static Organization org;

    @Test
    void invitationsSharesAndMentionsWorkAndNoMailIsQueued() {
        ApiResponse invited = org.admin.postJson("/api/users", new JsonObject().put("email", "no.mail@school.test")
                .put("displayName", "Noor Mail").put("role", "teacher"));
        assertEquals(201, invited.status(), invited::toString);
        assertTrue(invited.json().getJsonObject("invitation").getString("url").startsWith(server.base() + "/invitation#"));

        String recording = org.sharedRecording();
        ApiResponse comment = org.teacher.postJson("/api/recordings/" + recording + "/comments", new JsonObject().put("startMs", 0)
                .put("body", "See this").put("mentions", new JsonArray().add(org.sharedCoachId)));
        assertEquals(201, comment.status(), comment::toString);

        assertEquals(0, server.sqlUpdate("update mail_outbox set cause = cause where cause <> ?", ""));
        assertEquals(0, server.sqlUpdate("update jobs set kind = kind where kind like ?", "mail.%"));
        assertEquals(0, server.sqlUpdate("update mail_digest_days set day = day where day <> ?::date", "1900-01-01"),
                "no digest is planned");
    }

    @Test
    void peopleCanStillChooseTheirMailsAndSeeThatNoneIsSentYet() {
        assertEquals(new JsonObject().put("sending", false).put("digest", true).put("shares", true).put("mentions", true),
                org.sharedCoach.get("/api/me/mail").json());
        ApiResponse chosen = org.sharedCoach.sendRaw("PUT", "/api/me/mail", "application/json", new JsonObject().put("digest", false).encode());
        assertEquals(200, chosen.status(), chosen::toString);
        assertEquals(false, org.sharedCoach.get("/api/me/mail").json().getBoolean("digest"));
        assertEquals(400, org.sharedCoach.sendRaw("PUT", "/api/me/mail", "application/json",
                new JsonObject().put("digest", "no").encode()).status());
        assertEquals(401, org.anonymous.get("/api/me/mail").status());
    }
}
