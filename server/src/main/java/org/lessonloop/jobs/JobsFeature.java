package org.lessonloop.jobs;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.feature.Resources;

/**
 * The durable job queue: features enqueue through {@link #queue()} in their own transactions; a
 * process that runs jobs starts {@link #runWorkers workers} over the features' handlers; admins
 * see and retry jobs.
 */
public final class JobsFeature implements Feature {
    private final Platform platform;
    private final JobQueue queue;
    private final Resources workers = new Resources();

    public JobsFeature(Platform platform) {
        this.platform = platform;
        this.queue = new JobQueue(platform.db(), platform.clock());
    }

    public JobQueue queue() {
        return queue;
    }

    /** Starts this node's workers; each kind of job is run by one of {@code handlers}; {@code outcomes} hears how attempts end. */
    public void runWorkers(List<JobHandler> handlers, JobOutcomes outcomes) {
        var jobs = platform.config().jobs();
        var started = workers.track(new Workers(platform.db(), platform.clock(), platform.nodeId(), jobs.workerConcurrency(), jobs.lease(),
                jobs.firstRetry(), handlers));
        started.report(outcomes);
        started.start();
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        new JobsRoutes(new AdminJobs(platform.db(), platform.clock())).mount(api);
    }

    @Override
    public void close() {
        workers.close();
    }
}
