package org.lessonloop.media.delivery;

import java.io.InputStream;
import java.time.Duration;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.access.Permission;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.storage.ObjectStore.StoredObject;

/**
 * A recording's processed files for the people who may view it. Access is decided on every call,
 * never remembered, so a revoked share stops the very next segment request (DESIGN.md §5).
 * Every method blocks: call it through {@code Blocking}.
 */
final class MediaFiles {
    private final AccessPolicy policy;
    private final ObjectStore store;
    private final ViewAudit views;

    MediaFiles(AccessPolicy policy, ObjectStore store, ViewAudit views) {
        this.policy = policy;
        this.store = store;
        this.views = views;
    }

    /** The stored file if the user may view the recording, else a 404 problem; a playback start is audited. */
    StoredObject find(CurrentUser user, MediaPath path, boolean playbackStart) {
        policy.require(user, path.recordingId(), Permission.VIEW);
        StoredObject object = store.stat(path.key()).orElseThrow(MediaPath::missing);
        if (playbackStart && path.isMaster()) {
            views.viewed(user.id(), path.recordingId());
        }
        return object;
    }

    InputStream open(StoredObject object, long offset, long length) {
        return offset == 0 && length == object.size() ? store.get(object.key()) : store.get(object.key(), offset, length);
    }

    /**
     * A URL that serves the file straight from storage, with the headers the server would send, for
     * anyone holding it, until {@code ttl} passes.
     */
    String presignedUrl(MediaPath path, Duration ttl) {
        return store.presignedGet(path.key(), ttl, path.type().contentType(), path.type().cacheControl());
    }
}
