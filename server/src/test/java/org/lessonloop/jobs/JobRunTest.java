package org.lessonloop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a failed attempt leaves in last_error. */
class JobRunTest {
    @Test
    void aPermanentFailureIsKeptInItsOwnWords() {
        assertEquals("This file is not a video.", JobRun.describe(new PermanentJobFailure("This file is not a video.")));
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
