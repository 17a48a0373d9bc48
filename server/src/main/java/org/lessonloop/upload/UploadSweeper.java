package org.lessonloop.upload;

import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tus expiration: unfinished uploads past their expiry give back their storage; finished ones
 * past it are forgotten (the recording keeps its source).
 */
final class UploadSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSweeper.class);

    private final UploadRepository uploads;
    private final AbandonUpload abandon;

    UploadSweeper(UploadRepository uploads, AbandonUpload abandon) {
        this.uploads = uploads;
        this.abandon = abandon;
    }

    int sweep() {
        int swept = 0;
        for (Upload upload : uploads.expired(OffsetDateTime.now())) {
            try {
                abandon.expire(upload);
                swept++;
            } catch (RuntimeException e) {
                LOG.warn("Could not expire upload {}: {}", upload.id(), e.getMessage());
            }
        }
        if (swept > 0) {
            LOG.info("Expired {} uploads", swept);
        }
        return swept;
    }
}
