package org.lessonloop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.SmtpServer;
import org.lessonloop.testing.TestServer;

/**
 * Mail through a real SMTP server (issue 12, item 2): invitations and resets, a mail per share and
 * per mention, the daily digest, and each person's choice to turn them off. The server runs with
 * its SMTP settings pointing at GreenMail on a free port, so it starts here rather than through
 * {@code @RealServer}, whose environment is fixed at compile time.
 */
class MailTest {
    private static final Duration NOTHING_MORE = Duration.ofSeconds(3);
    private static SmtpServer smtp;
    private static TestServer server;
    private static ApiClient admin;
    private static ApiClient teacher;
    private static ApiClient coach;
    private static ApiClient otherCoach;
    private static String teacherId;
    private static String coachId;
    private static String otherCoachId;

    @BeforeAll
    static void start() {
        smtp = SmtpServer.start();
        server = TestServer.start(smtp.env());
        admin = server.admin();
        teacher = smtp.invitedAndActivated(admin, "tia@school.test", "Tia Teacher", "teacher", password("tia"));
        coach = smtp.invitedAndActivated(admin, "cara@school.test", "Cara Coach", "coach", password("cara"));
        otherCoach = smtp.invitedAndActivated(admin, "dev@school.test", "Dev Coach", "coach", password("dev"));
        teacherId = id(teacher);
        coachId = id(coach);
        otherCoachId = id(otherCoach);
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.close();
    }

    @Test
    void anInvitationIsMailedToThePersonAloneAndItsLinkSetsTheirPassword() {
        ApiResponse invited = admin.postJson("/api/users", new JsonObject().put("email", "nia@school.test")
                .put("displayName", "Nia <b>New</b>").put("role", "teacher"));
        assertEquals(201, invited.status(), invited::toString);
        JsonObject invitation = invited.json().getJsonObject("invitation");
        assertNull(invitation.getString("url"), "a mailed link is never shown to the admin: " + invitation);
        assertEquals("nia@school.test", invitation.getString("sentTo"));

        SmtpServer.Received mail = smtp.await("nia@school.test", 1).get(0);
        assertEquals("You are invited to Lessonloop", mail.subject());
        assertTrue(mail.text().contains("Hello Nia <b>New</b>,"), mail.text());
        assertTrue(mail.html().contains("Hello Nia &lt;b&gt;New&lt;/b&gt;,"), "names are escaped in HTML: " + mail.html());
        assertFalse(mail.html().contains("<b>New"), mail.html());

        ApiClient nia = org.lessonloop.testing.People.accept(server.base(), mail.invitationToken(), password("nia"));
        assertEquals("nia@school.test", nia.get("/api/me").json().getString("email"));
        new ApiClient(server.base()).signIn("nia@school.test", password("nia"));
        assertEquals(0, smtp.all().stream().filter(m -> !m.to().contains("nia@school.test") && m.text().contains(mail.invitationToken()))
                .count(), "nobody else got the link");
    }

    @Test
    void aResetIsMailedAndItsLinkSetsANewPassword() {
        ApiClient person = smtp.invitedAndActivated(admin, "rae@school.test", "Rae Reset", "teacher", password("rae"));
        String personId = id(person);
        ApiResponse reset = admin.postJson("/api/users/" + personId + "/reset", new JsonObject());
        assertEquals(200, reset.status(), reset::toString);
        assertNull(reset.json().getJsonObject("invitation").getString("url"));

        List<SmtpServer.Received> mails = smtp.await("rae@school.test", 2);
        SmtpServer.Received mail = mails.get(1);
        assertEquals("Your Lessonloop account was reset", mail.subject());
        assertTrue(mail.text().contains("signed out everywhere"), mail.text());
        org.lessonloop.testing.People.accept(server.base(), mail.invitationToken(), password("rae-again"));
        new ApiClient(server.base()).signIn("rae@school.test", password("rae-again"));
    }

    @Test
    void sharingALessonMailsThePersonItIsSharedWithOnceWithALinkThatNeedsSigningIn() {
        String recording = recording("Fractions <period 3>");
        int before = smtp.to("cara@school.test").size();
        share(recording, coachId, "comment");
        SmtpServer.Received mail = smtp.await("cara@school.test", before + 1).get(before);
        assertEquals("Tia Teacher shared “Fractions <period 3>” with you", mail.subject());
        assertTrue(mail.text().contains(SmtpServer.PUBLIC_URL + "/recordings/" + recording), mail.text());
        assertTrue(mail.html().contains("“Fractions &lt;period 3&gt;”"), mail.html());
        assertFalse(mail.text().contains("/media/") || mail.text().contains("token"), "no link that works without signing in: " + mail.text());

        // A change of permission is no new share.
        share(recording, coachId, "view");
        assertEquals(before + 1, smtp.await("cara@school.test", before + 2, NOTHING_MORE).size());
    }

    @Test
    void aMentionMailsOnlyThoseWhoMaySeeTheCommentWithAShortExcerpt() {
        String recording = recording("Turn and talk");
        share(recording, coachId, "comment");
        int coachBefore = smtp.await("cara@school.test", 1).size();
        coachBefore = settle("cara@school.test");
        int otherBefore = smtp.to("dev@school.test").size();
        String longBody = "Look at how the pairs start talking here, @Cara " + "and keep going with many more words ".repeat(20);
        ApiResponse comment = teacher.postJson("/api/recordings/" + recording + "/comments", new JsonObject().put("startMs", 1_000)
                .put("body", longBody).put("mentions", new JsonArray().add(coachId).add(otherCoachId)));
        assertEquals(201, comment.status(), comment::toString);

        SmtpServer.Received mail = smtp.await("cara@school.test", coachBefore + 1).get(coachBefore);
        assertEquals("Tia Teacher mentioned you on “Turn and talk”", mail.subject());
        assertTrue(mail.text().contains("Look at how the pairs start talking here"), mail.text());
        assertFalse(mail.text().contains(longBody.strip()), "only an excerpt: " + mail.text());
        assertTrue(mail.text().contains("…"), mail.text());
        assertEquals(otherBefore, smtp.await("dev@school.test", otherBefore + 1, NOTHING_MORE).size(),
                "the coach without a share is told nothing");
    }

    @Test
    void aTeacherSharingAllHerLessonsWithHerCoachMailsTheCoachOnce() {
        ApiClient paired = smtp.invitedAndActivated(admin, "pia@school.test", "Pia Paired", "coach", password("pia"));
        ApiResponse pair = admin.postJson("/api/pairs", new JsonObject().put("coachId", id(paired)).put("teacherId", teacherId));
        assertEquals(201, pair.status(), pair::toString);
        String pairId = pair.json().getString("id");
        int before = settle("pia@school.test");
        ApiResponse shared = teacher.patchJson("/api/pairs/" + pairId, new JsonObject().put("standingPermission", "comment"));
        assertEquals(200, shared.status(), shared::toString);
        SmtpServer.Received mail = smtp.await("pia@school.test", before + 1).get(before);
        assertEquals("Tia Teacher shared all their lessons with you", mail.subject());
        assertTrue(mail.text().contains("to watch and comment on") && mail.text().contains(SmtpServer.PUBLIC_URL + "/coach"), mail.text());

        // A change of permission is no new share.
        teacher.patchJson("/api/pairs/" + pairId, new JsonObject().put("standingPermission", "view"));
        assertEquals(before + 1, smtp.await("pia@school.test", before + 2, NOTHING_MORE).size());
    }

    @Test
    void aMentionAddedByAnEditMailsOnlyThePersonItAdds() {
        String recording = recording("Exit tickets");
        share(recording, coachId, "comment");
        int coachBefore = settle("cara@school.test");
        String commentId = comment(teacher, recording, "shared", "The exit tickets show who got it");
        assertEquals(coachBefore, smtp.await("cara@school.test", coachBefore + 1, NOTHING_MORE).size(), "nobody was mentioned yet");

        ApiResponse edited = teacher.patchJson("/api/comments/" + commentId, new JsonObject()
                .put("body", "The exit tickets show who got it, @Cara").put("mentions", new JsonArray().add(coachId)));
        assertEquals(200, edited.status(), edited::toString);
        SmtpServer.Received mail = smtp.await("cara@school.test", coachBefore + 1).get(coachBefore);
        assertEquals("Tia Teacher mentioned you on “Exit tickets”", mail.subject());
        assertTrue(mail.text().contains("show who got it, @Cara"), mail.text());

        // Edited again with the same mention: she was told already.
        ApiResponse again = teacher.patchJson("/api/comments/" + commentId, new JsonObject()
                .put("body", "The exit tickets show who got it, @Cara, and who did not"));
        assertEquals(200, again.status(), again::toString);
        assertEquals(coachBefore + 1, smtp.await("cara@school.test", coachBefore + 2, NOTHING_MORE).size());
    }

    @Test
    void eachPersonTurnsShareAndMentionMailsOff() {
        ApiResponse chosen = otherCoach.sendRaw("PUT", "/api/me/mail", "application/json",
                new JsonObject().put("shares", false).put("mentions", false).encode());
        assertEquals(200, chosen.status(), chosen::toString);
        assertEquals(new JsonObject().put("sending", true).put("digest", true).put("shares", false).put("mentions", false),
                otherCoach.get("/api/me/mail").json());
        int before = settle("dev@school.test");
        String recording = recording("Exit tickets");
        share(recording, otherCoachId, "comment");
        teacher.postJson("/api/recordings/" + recording + "/comments", new JsonObject().put("startMs", 0).put("body", "Dev, see this")
                .put("mentions", new JsonArray().add(otherCoachId)));
        assertEquals(before, smtp.await("dev@school.test", before + 1, NOTHING_MORE).size());
        otherCoach.sendRaw("PUT", "/api/me/mail", "application/json", new JsonObject().put("shares", true).put("mentions", true).encode());
    }

    @Test
    void theDigestCountsOthersSharedCommentsNeverAPrivateNoteAndMailsOncePerDay() {
        String recording = recording("Digest lesson");
        share(recording, coachId, "comment");
        String topLevel = comment(coach, recording, "shared", "A shared observation");
        teacher.postJson("/api/comments/" + topLevel + "/replies", new JsonObject().put("body", "Tia's own reply"));
        coach.postJson("/api/comments/" + topLevel + "/replies", new JsonObject().put("body", "Cara's reply"));
        comment(coach, recording, "private", "SECRET private note about a student");
        comment(teacher, recording, "shared", "Tia's own comment");
        int before = settle("tia@school.test");

        runDigest(LocalDate.now(ZoneOffset.UTC));
        List<SmtpServer.Received> mails = smtp.await("tia@school.test", before + 1);
        SmtpServer.Received digest = mails.get(before);
        assertTrue(digest.subject().startsWith("What happened on your lessons"), digest.subject());
        assertTrue(digest.text().contains("“Digest lesson”: 1 new comment, 1 reply from Cara Coach"), digest.text());
        assertFalse(digest.text().contains("SECRET") || digest.html().contains("SECRET"), "never a private note: " + digest.text());
        assertFalse(digest.text().contains("A shared observation"), "counts, not words: " + digest.text());

        // Again, and after a restart: the day's digest reaches nobody twice.
        runDigest(LocalDate.now(ZoneOffset.UTC));
        server.restart();
        runDigest(LocalDate.now(ZoneOffset.UTC));
        assertEquals(before + 1, smtp.await("tia@school.test", before + 2, NOTHING_MORE).size());
    }

    @Test
    void thoseWhoTurnedTheDigestOffGetNone() {
        ApiClient olu = smtp.invitedAndActivated(admin, "olu@school.test", "Olu Other", "teacher", password("olu"));
        olu.sendRaw("PUT", "/api/me/mail", "application/json", new JsonObject().put("digest", false).encode());
        String recording = created(olu.postJson("/api/recordings", new JsonObject().put("title", "Olu's lesson")));
        olu.postJson("/api/recordings/" + recording + "/shares", new JsonObject().put("userId", coachId).put("permission", "comment"));
        comment(coach, recording, "shared", "Nice start");
        int before = settle("olu@school.test");
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        // The comments are moved a day on, to a day no other test's digest covers.
        server.sqlUpdate("update comments set created_at = created_at + interval '1 day' where recording_id = ?::uuid", recording);
        runDigest(tomorrow);
        assertEquals(before, smtp.await("olu@school.test", before + 1, NOTHING_MORE).size());
    }

    @Test
    void theLatestDueDigestIsPlannedOnceAtStart() {
        String yesterday = PlanDigests.dueDay(java.time.ZonedDateTime.now(ZoneOffset.UTC), 6).toString();
        // The planner asks a second after start; after the restart in another test too, only one job exists.
        org.lessonloop.testing.Eventually.until(() -> server.sqlUpdate(
                "update mail_digest_days set day = day where day = ?::date", yesterday), n -> n == 1);
        assertEquals(1, server.sqlUpdate("update jobs set kind = kind where kind = 'mail.digest' and payload like ?",
                "%" + yesterday + "%"));
    }

    /** Queues the day's digest job as the planner would (the planner itself only plans days that are over). */
    private static void runDigest(LocalDate day) {
        server.sqlUpdate("insert into jobs (id, kind, payload, state, max_attempts) values (gen_random_uuid(), 'mail.digest', ?, 'queued', 3)",
                new JsonObject().put("day", day.toString()).encode());
    }

    /** How many mails the address has once nothing more is on its way. */
    private static int settle(String address) {
        int seen = -1;
        int now = smtp.to(address).size();
        while (now != seen) {
            seen = now;
            now = smtp.await(address, seen + 1, Duration.ofSeconds(2)).size();
        }
        return now;
    }

    private static String recording(String title) {
        return created(teacher.postJson("/api/recordings", new JsonObject().put("title", title)));
    }

    private static void share(String recording, String userId, String permission) {
        ApiResponse shared = teacher.postJson("/api/recordings/" + recording + "/shares",
                new JsonObject().put("userId", userId).put("permission", permission));
        assertEquals(201, shared.status(), shared::toString);
    }

    private static String comment(ApiClient author, String recording, String visibility, String body) {
        return created(author.postJson("/api/recordings/" + recording + "/comments",
                new JsonObject().put("startMs", 500).put("body", body).put("visibility", visibility)));
    }

    private static String created(ApiResponse response) {
        assertEquals(201, response.status(), response::toString);
        return response.json().getString("id");
    }

    private static String id(ApiClient client) {
        return client.get("/api/me").json().getString("id");
    }

    private static String password(String who) {
        return "pw-" + who + "-long-enough-1";
    }
}
