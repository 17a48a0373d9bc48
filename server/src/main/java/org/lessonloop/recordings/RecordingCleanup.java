package org.lessonloop.recordings;

import java.util.UUID;

/** Lets other features release what they hold for a recording (e.g. open multipart uploads) before it is deleted. */
@FunctionalInterface
public interface RecordingCleanup {
    void beforeDelete(UUID recordingId);
}
