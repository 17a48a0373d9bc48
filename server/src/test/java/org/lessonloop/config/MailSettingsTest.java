package org.lessonloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailSettingsTest {
    private static final Map<String, String> SMTP = Map.of(
            "LESSONLOOP_SMTP_HOST", "smtp.school.test",
            "LESSONLOOP_SMTP_FROM", "Lessonloop <lessonloop@school.test>",
            "LESSONLOOP_PUBLIC_URL", "https://lessonloop.school.test");

    @Test
    void withoutAnSmtpHostNothingIsMailed() {
        assertTrue(LessonloopConfig.from(Map.of()).mail().isEmpty());
    }

    @Test
    void anSmtpHostGivesSafeDefaults() {
        MailSettings mail = LessonloopConfig.from(SMTP).mail().orElseThrow();
        assertEquals(587, mail.port());
        assertEquals(MailSettings.StartTls.REQUIRED, mail.startTls());
        assertEquals(ZoneId.of("UTC"), mail.digestZone());
        assertEquals(6, mail.digestHour());
        assertTrue(mail.username().isEmpty());
    }

    @Test
    void thePasswordNeverShowsInTheSettingsText() {
        var env = new HashMap<>(SMTP);
        env.put("LESSONLOOP_SMTP_USERNAME", "lessonloop");
        env.put("LESSONLOOP_SMTP_PASSWORD", "hunter2-smtp-secret");
        assertFalse(LessonloopConfig.from(env).mail().orElseThrow().toString().contains("hunter2"));
    }

    @Test
    void anSmtpHostNeedsASenderAndThePublicUrlForLinks() {
        var problem = assertThrows(ConfigException.class, () -> LessonloopConfig.from(Map.of("LESSONLOOP_SMTP_HOST", "smtp.school.test")));
        assertTrue(problem.getMessage().contains("LESSONLOOP_SMTP_FROM"), problem.getMessage());
        assertTrue(problem.getMessage().contains("LESSONLOOP_PUBLIC_URL"), problem.getMessage());
    }

    @Test
    void aUsernameWithoutPasswordOrAnUnknownZoneFailsNamingTheVariable() {
        var env = new HashMap<>(SMTP);
        env.put("LESSONLOOP_SMTP_USERNAME", "lessonloop");
        env.put("LESSONLOOP_MAIL_DIGEST_ZONE", "Mars/Olympus");
        var problem = assertThrows(ConfigException.class, () -> LessonloopConfig.from(env));
        assertTrue(problem.getMessage().contains("LESSONLOOP_SMTP_PASSWORD"), problem.getMessage());
        assertTrue(problem.getMessage().contains("LESSONLOOP_MAIL_DIGEST_ZONE"), problem.getMessage());
    }
}
