package org.lessonloop.upload;

import java.util.UUID;
import org.jooq.DSLContext;

/** What a finished upload sets off (the media pipeline), committed together with the recording becoming uploaded. */
@FunctionalInterface
public interface SourceArrived {
    void inTransaction(DSLContext tx, UUID recordingId);
}
