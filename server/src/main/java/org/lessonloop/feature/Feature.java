package org.lessonloop.feature;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One feature as {@code Application} sees it: the routes it adds under /api, the tidying it does
 * now and then, and what it stops at shutdown. A feature that runs jobs hands its job handlers to
 * {@code jobs/JobsFeature} itself, so this package depends on no feature.
 */
public interface Feature extends AutoCloseable {
    /** Adds the feature's routes to the /api router; {@code json} parses the small JSON bodies. */
    default void mount(Router api, BodyHandler json) {
    }

    /** Periodic clean-up (expired sessions, abandoned uploads), on a blocking thread. */
    default void housekeep() {
    }

    /** Stops what the feature started; features close in the reverse order of their start. */
    @Override
    default void close() {
    }
}
