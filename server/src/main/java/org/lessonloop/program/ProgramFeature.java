package org.lessonloop.program;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.lessonloop.feature.Feature;
import org.lessonloop.feature.Platform;

/** Aggregate program numbers for administrators. */
public final class ProgramFeature implements Feature {
    private final ProgramNumbers numbers;

    public ProgramFeature(Platform platform) {
        this.numbers = new ProgramNumbers(new ProgramRepository(platform.db()));
    }

    @Override
    public void mount(Router api, BodyHandler json) {
        new ProgramRoutes(numbers).mount(api);
    }
}
