package org.lessonloop.media;

import org.jooq.DSLContext;
import org.lessonloop.storage.StorageClaims;

/** The exported clips' files, as the storage consistency check asks about them. */
public final class ClipExportFiles {
    private final ClipExportRepository exports;

    public ClipExportFiles(DSLContext db) {
        this.exports = new ClipExportRepository(db);
    }

    public StorageClaims storageClaims() {
        return exports.storageClaims();
    }
}
