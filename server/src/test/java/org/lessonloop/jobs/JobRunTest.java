package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a failed attempt leaves in last_error (and, when the attempts run out, its subject's owner reads). */
class JobRunTest {
    @Test
    void aPermanentFailureIsKeptInItsOwnWords() {
        assertEquals("This file is not a video.", JobRun.describe(new PermanentJobFailure("This file is not a video.")));
    }

    @Test
    void aFailureAnotherAttemptMayFixIsKeptInItsOwnWordsToo() {
        assertEquals("We could not convert this video; the file may be damaged (ffmpeg exited with 1).",
                JobRun.describe(new RetryableJobFailure("We could not convert this video; the file may be damaged (ffmpeg exited with 1).", null)));
    }

    @Test
    void anyOtherFailureIsNamedByItsType() {
        assertEquals("IllegalStateException: no space left", JobRun.describe(new IllegalStateException("no space left")));
        assertEquals("NullPointerException", JobRun.describe(new NullPointerException()));
    }

    @Test
    void aLongMessageIsShortened() {
        String described = JobRun.describe(new PermanentJobFailure("x".repeat(5000)));

        assertEquals(1000, described.length());
        assertEquals('…', described.charAt(999));
    }
}
