package org.lessonloop.upload;

import org.jooq.DSLContext;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.storage.StorageClaims;

/**
 * The upload feature's part in operators' chores run outside a server (the admin command line):
 * sweeping expired uploads, and saying which objects its rows still need.
 */
public final class UploadHousekeeping {
    private final UploadRepository uploads;
    private final UploadSweeper sweeper;

    public UploadHousekeeping(DSLContext db, ObjectStore store, RecordingLifecycle recordings) {
        this.uploads = new UploadRepository(db);
        this.sweeper = new UploadSweeper(uploads, new AbandonUpload(store, uploads, recordings));
    }

    /** As every server does every few minutes: unfinished uploads past their expiry give their storage back. */
    public int sweepExpired() {
        return sweeper.sweep();
    }

    public StorageClaims storageClaims() {
        return uploads.storageClaims();
    }
}
