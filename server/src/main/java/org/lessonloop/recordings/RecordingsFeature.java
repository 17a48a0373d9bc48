package org.lessonloop.recordings;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;

/** Recordings and their lifecycle, the API other features move a recording through. */
public final class RecordingsFeature implements Feature {
    private final RecordingLifecycle lifecycle;
    private final List<RecordingCleanup> cleanups = new CopyOnWriteArrayList<>();
    private final RecordingRemoval removal;
    private final RecordingsRoutes routes;

    public RecordingsFeature(Platform platform, AccessPolicy policy, AuditLog audit) {
        var repository = new RecordingRepository(platform.db());
        this.lifecycle = new RecordingLifecycle(repository);
        this.removal = new RecordingRemoval(repository, platform.store(), cleanups, policy, audit);
        this.routes = new RecordingsRoutes(new Recordings(repository, policy, removal, audit));
    }

    public RecordingLifecycle lifecycle() {
        return lifecycle;
    }

    /** Deletes recordings with no person's request behind it (retention). */
    public RecordingRemoval removal() {
        return removal;
    }

    /** Deleting a recording first lets {@code cleanup} release what its feature holds for it, in the order registered. */
    public void beforeDelete(RecordingCleanup cleanup) {
        cleanups.add(cleanup);
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        routes.mount(api, json);
    }
}
