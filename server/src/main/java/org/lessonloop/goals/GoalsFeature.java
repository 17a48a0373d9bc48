package org.lessonloop.goals;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;
import org.lessonloop.recordings.RecordingLifecycle;

/** Teachers' SMART goals and their measurements. */
public final class GoalsFeature implements Feature {
    private final Goals goals;

    public GoalsFeature(Platform platform, AccessPolicy policy, RecordingLifecycle recordings) {
        this.goals = new Goals(new GoalRepository(platform.db()), policy, recordings);
    }

    /** Goals, for features that attach evidence to them. */
    public Goals goals() {
        return goals;
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        new GoalsRoutes(goals).mount(api, json);
    }
}
