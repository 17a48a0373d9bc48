package org.lessonloop.annotations;

import io.vertx.core.buffer.Buffer;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.architecture.FeatureApi;

/** A recording's whole timeline as the caller may see it, as JSON (comments, replies, clips) and as CSV (comments), for a takeout. */
@FeatureApi
public final class TimelineDocuments {
    private final Timeline timeline;

    TimelineDocuments(Timeline timeline) {
        this.timeline = timeline;
    }

    public Buffer json(CurrentUser me, UUID recordingId) {
        return timeline.json(me, recordingId, TimelineFilter.NONE);
    }

    public String csv(CurrentUser me, UUID recordingId) {
        return TimelineExports.csv(timeline.read(me, recordingId, TimelineFilter.NONE));
    }
}
