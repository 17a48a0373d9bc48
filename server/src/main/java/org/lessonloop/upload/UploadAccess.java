package org.lessonloop.upload;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.problems.ProblemException;

/** An upload belongs to the teacher who created it; to anyone else it does not exist. */
final class UploadAccess {
    private final UploadRepository uploads;

    UploadAccess(UploadRepository uploads) {
        this.uploads = uploads;
    }

    Upload owned(CurrentUser user, UUID uploadId) {
        Upload upload = uploads.find(uploadId)
                .filter(u -> u.ownerId().equals(user.id()))
                .orElseThrow(() -> ProblemException.notFound("There is no such upload."));
        if (!upload.isComplete() && upload.expiresAt().isBefore(OffsetDateTime.now())) {
            throw new ProblemException.Gone("Upload expired", "This upload expired before it was finished. Start the upload again.");
        }
        return upload;
    }
}
