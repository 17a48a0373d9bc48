package org.lessonloop.upload;

import java.nio.file.Path;
import java.time.Duration;

/** Limits and places for uploads, from configuration. */
record UploadLimits(long maxFileBytes, long quotaBytes, long partBytes, Duration expiry, int maxUnfinished, Path scratchDir) {
}
