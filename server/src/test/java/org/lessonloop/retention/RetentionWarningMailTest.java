package org.lessonloop.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.SmtpServer;
import org.lessonloop.testing.TestServer;

/**
 * Retention warns the owner by mail too (issue 12, item 6), through a real SMTP server: one mail
 * when lessons come inside the warning period, naming them and their dates, never repeated by later
 * sweeps; a kept lesson that falls idle again is a new warning. Nobody else hears of it.
 */
class RetentionWarningMailTest {
    private static final Duration NOTHING_MORE = Duration.ofSeconds(3);
    private static final String TIA = "tia@school.test";
    private static final String CARA = "cara@school.test";
    private static SmtpServer smtp;
    private static TestServer server;
    /** When the lessons were made: their deletion dates count from it. */
    private static ZonedDateTime start;

    @BeforeAll
    static void start() {
        smtp = SmtpServer.start();
        server = TestServer.start(smtp.env());
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.close();
    }

    @Test
    void theOwnerIsMailedOncePerWarningWhateverHerMailChoices() {
        var fixtures = new RetentionFixtures(server);
        start = ZonedDateTime.now(server.clock());
        ApiClient admin = server.admin();
        ApiClient tia = smtp.invitedAndActivated(admin, TIA, "Tia Teacher", "teacher", password(TIA));
        ApiClient cara = smtp.invitedAndActivated(admin, CARA, "Cara Coach", "coach", password(CARA));
        String caraId = cara.get("/api/me").json().getString("id");
        fixtures.policy(admin, null, 30, 7);
        String idle = recording(tia, "Fractions <period 3>");
        String kept = recording(tia, "Turn and talk");
        assertEquals(201, tia.postJson("/api/recordings/" + idle + "/shares",
                new JsonObject().put("userId", caraId).put("permission", "comment")).status());
        // No mail choice covers a deletion of her own lessons: turning every one off changes nothing here.
        assertEquals(200, tia.send("PUT", "/api/me/mail", Map.of("Content-Type", "application/json"),
                new JsonObject().put("digest", false).put("shares", false).put("mentions", false).encode().getBytes()).status());
        int tiaBefore = smtp.to(TIA).size();
        int caraBefore = smtp.await(CARA, 2).size(); // the invitation and the share

        fixtures.daysPass(22);
        fixtures.sweep();
        assertEquals(tiaBefore, smtp.await(TIA, tiaBefore + 1, NOTHING_MORE).size(), "day 22: deletion is 8 days away, no mail yet");

        fixtures.daysPass(2);
        fixtures.sweep();
        List<SmtpServer.Received> mails = smtp.await(TIA, tiaBefore + 1);
        assertEquals(tiaBefore + 1, mails.size(), "day 24: one mail for both lessons");
        SmtpServer.Received warning = mails.get(tiaBefore);
        assertEquals("2 lessons of yours will be deleted soon", warning.subject());
        String day30 = "“Fractions <period 3>” on " + dayAfterStart(30);
        assertTrue(warning.text().contains(day30), warning.text());
        assertTrue(warning.text().contains("“Turn and talk” on " + dayAfterStart(30)), warning.text());
        assertTrue(warning.text().contains(SmtpServer.PUBLIC_URL + "/recordings"), warning.text());
        assertTrue(warning.html().contains("Fractions &lt;period 3&gt;"), "titles are escaped in HTML: " + warning.html());

        fixtures.sweep();
        fixtures.daysPass(1);
        fixtures.sweep();
        assertEquals(tiaBefore + 1, smtp.await(TIA, tiaBefore + 2, NOTHING_MORE).size(), "later sweeps do not mail the warning again");
        assertEquals(caraBefore, smtp.to(CARA).size(), "her coach hears nothing of it");

        tia = server.anonymous().signIn(TIA, password(TIA));
        assertEquals(204, tia.postJson("/api/recordings/" + kept + "/keep", new JsonObject()).status());
        fixtures.daysPass(6);
        fixtures.sweep();
        assertEquals(0, fixtures.count("SELECT count(*) FROM recordings WHERE id = ?", idle), "day 31: the idle lesson is deleted");
        assertEquals(0, fixtures.count("SELECT count(*) FROM retention_warnings WHERE recording_id = ?", idle), "and what she was warned of");
        assertEquals(tiaBefore + 1, smtp.to(TIA).size());

        // Kept on day 25, idle since: deleted on day 55, so warned again from day 48.
        fixtures.daysPass(17);
        fixtures.sweep();
        mails = smtp.await(TIA, tiaBefore + 2);
        assertEquals(tiaBefore + 2, mails.size(), "day 48: the kept lesson's new warning");
        SmtpServer.Received again = mails.get(tiaBefore + 1);
        assertEquals("A lesson of yours will be deleted on " + dayAfterStart(55), again.subject());
        assertFalse(again.text().contains("Fractions"), again.text());
        fixtures.sweep();
        assertEquals(tiaBefore + 2, smtp.await(TIA, tiaBefore + 3, NOTHING_MORE).size());
    }

    /** The date {@code days} after the lessons were made, as the mail writes it (the digest zone is UTC here). */
    private static String dayAfterStart(int days) {
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH)
                .format(start.withZoneSameInstant(ZoneOffset.UTC).plusDays(days));
    }

    private static String recording(ApiClient teacher, String title) {
        ApiResponse created = teacher.postJson("/api/recordings", new JsonObject().put("title", title));
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    private static String password(String email) {
        return "pw-" + email + "-long-enough";
    }
}
