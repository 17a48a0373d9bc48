package org.lessonloop.media;

import org.jooq.DSLContext;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.storage.StorageClaims;

/** The exported clips' files, as the storage consistency check and a teacher's takeout ask about them. */
@FeatureApi
public final class ClipExportFiles {
    private final ClipExportRepository exports;

    public ClipExportFiles(DSLContext db) {
        this.exports = new ClipExportRepository(db);
    }

    /** A recording's clip exports whose MP4 is stored (no access check: the caller has made its own). */
    public java.util.List<ClipExport> readyFor(java.util.UUID recordingId) {
        return exports.readyFor(recordingId);
    }

    public StorageClaims storageClaims() {
        return exports.storageClaims();
    }
}
