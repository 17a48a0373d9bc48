package org.lessonloop.feature;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What has been started, to stop in reverse order; a failure to stop one is logged and the rest still stop. */
public final class Resources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

    private final List<AutoCloseable> started = new ArrayList<>();

    public synchronized <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", started.get(i), e);
            }
        }
        started.clear();
    }
}
