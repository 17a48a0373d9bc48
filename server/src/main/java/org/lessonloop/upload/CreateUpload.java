package org.lessonloop.upload;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.config.ByteSize;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.LifecycleEvent;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;

/**
 * tus creation: checks ownership, size and quota before a single byte is taken, then opens the
 * upload. A teacher starting over on the same recording replaces an idle unfinished upload.
 */
final class CreateUpload {
    private static final LifecycleEvent UPLOAD_STARTED = new LifecycleEvent.UploadStarted();

    private final AccessPolicy policy;
    private final RecordingLifecycle recordings;
    private final UploadRepository uploads;
    private final AbandonUpload abandon;
    private final UploadLimits limits;

    CreateUpload(AccessPolicy policy, RecordingLifecycle recordings, UploadRepository uploads, AbandonUpload abandon, UploadLimits limits) {
        this.policy = policy;
        this.recordings = recordings;
        this.uploads = uploads;
        this.abandon = abandon;
        this.limits = limits;
    }

    Upload create(CurrentUser user, long length, TusMetadata metadata) {
        UUID recordingId = metadata.get("recordingId")
                .map(this::parseRecordingId)
                .orElseThrow(() -> ProblemException.invalid("Upload-Metadata must name the recording: 'recordingId <base64 id>'."));
        policy.require(user, recordingId, Permission.MANAGE);
        if (length == 0) {
            throw ProblemException.invalid("The file is empty (0 bytes). Choose the lesson's video file.");
        }
        if (length > limits.maxFileBytes()) {
            throw ProblemException.tooLarge("The file is " + ByteSize.format(length) + "; the largest accepted is "
                    + ByteSize.format(limits.maxFileBytes()) + ".");
        }
        recordings.requireAllowed(recordingId, UPLOAD_STARTED);
        for (Upload earlier : uploads.unfinishedForRecording(recordingId)) {
            abandon.abandonIdle(earlier);
        }
        Upload upload = new Upload(UUID.randomUUID(), recordingId, user.id(), length, 0, metadata.raw(),
                metadata.displayFilename(), Recording.sourceKey(recordingId), Optional.empty(), Optional.empty(), 0,
                OffsetDateTime.now().plus(limits.expiry()), Optional.empty());
        uploads.lockedForOwner(user.id(), (lockedUploads, tx) -> {
            RecordingLifecycle lockedRecordings = recordings.within(tx);
            // Unfinished uploads are capped: empty ones declaring huge files must not reserve the whole quota.
            if (lockedUploads.unfinishedCount(user.id()) >= limits.maxUnfinished()) {
                throw ProblemException.forbidden("You have " + limits.maxUnfinished() + " unfinished uploads. Finish or cancel one of them"
                        + " (or delete its recording) before starting another.");
            }
            long used = lockedRecordings.storedBytes(user.id()) + lockedUploads.pendingBytes(user.id());
            if (used + length > limits.quotaBytes()) {
                throw ProblemException.tooLarge("This upload (" + ByteSize.format(length) + ") would take you past your storage quota of "
                        + ByteSize.format(limits.quotaBytes()) + " (" + ByteSize.format(used) + " used). Delete old recordings first.");
            }
            lockedUploads.insert(upload);
            lockedRecordings.move(recordingId, UPLOAD_STARTED);
            return upload;
        });
        return upload;
    }

    private UUID parseRecordingId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("Upload-Metadata 'recordingId' is not a recording id.");
        }
    }
}
