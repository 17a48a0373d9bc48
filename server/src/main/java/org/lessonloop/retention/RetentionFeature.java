package org.lessonloop.retention;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.jobs.JobHandler;
import org.lessonloop.jobs.JobQueue;
import org.lessonloop.mail.Notifications;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.recordings.RecordingRemoval;
import org.lessonloop.storage.ObjectStore;

/**
 * Retention (DESIGN §5): an organization's policy purges originals once renditions have existed
 * long enough and deletes recordings nobody touched for long enough, after warning their owner (in
 * the library, and by mail once per warning).
 * Housekeeping queues what is due; jobs do it.
 */
public final class RetentionFeature implements Feature {
    private final Retention retention;
    private final RetentionJobs jobs;

    public RetentionFeature(Platform platform, AccessPolicy access, RecordingLifecycle recordings, RecordingRemoval removal,
                            JobQueue queue, AuditLog audit, Notifications mail) {
        ObjectStore store = platform.store();
        this.retention = new Retention(platform.db(), access, recordings, queue, new RetentionWarnings(mail), platform.clock());
        this.jobs = new RetentionJobs(new RetentionRepository(platform.db()), recordings, removal, store, audit, platform.clock());
    }

    public List<JobHandler> jobHandlers() {
        return jobs.handlers();
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        new RetentionRoutes(retention).mount(api, json);
    }

    @Override
    public void housekeep() {
        retention.sweep();
    }
}
