package org.lessonloop.upload;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One tus upload. {@code offset} counts bytes durable in object storage: completed multipart parts
 * plus the tail object (a partial part kept between requests).
 */
record Upload(
        UUID id,
        UUID recordingId,
        UUID ownerId,
        long length,
        long offset,
        String metadata,
        String filename,
        String objectKey,
        Optional<String> multipartId,
        Optional<String> tailKey,
        long tailSize,
        OffsetDateTime expiresAt,
        Optional<OffsetDateTime> completedAt) {

    boolean isComplete() {
        return completedAt.isPresent();
    }

    /** Where the partial part of this upload is parked between requests, under the recording's prefix. */
    String tailKeyAt(long atOffset) {
        return objectKey.substring(0, objectKey.lastIndexOf('/') + 1) + "uploads/" + id + "/tail-" + atOffset;
    }
}
