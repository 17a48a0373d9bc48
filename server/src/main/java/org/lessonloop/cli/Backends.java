package org.lessonloop.cli;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.lessonloop.config.LessonloopConfig;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.database.EmbeddedPostgresServer;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;

/**
 * The database and object storage the server of this configuration uses, opened when a command
 * first needs them. With the embedded defaults: the running server's embedded PostgreSQL if it
 * runs, else one started on the same data; an embedded S3 server over the same folder.
 */
final class Backends implements AutoCloseable {
    /** One command at a time: a connection for it and one to spare. */
    private static final int POOL = 2;

    private final LessonloopConfig config;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private DSLContext db;
    private ObjectStore store;

    Backends(LessonloopConfig config) {
        this.config = config;
    }

    LessonloopConfig config() {
        return config;
    }

    /** Migrated to this jar's schema, as a server start would. */
    DSLContext db() {
        if (db == null) {
            DatabaseSettings settings = config.database()
                    .or(() -> EmbeddedPostgresServer.runningUnder(config.dataDir()))
                    .orElseGet(() -> track(EmbeddedPostgresServer.start(config.dataDir())).settings());
            db = track(Database.open(settings, POOL)).dsl();
        }
        return db;
    }

    ObjectStore store() {
        if (store == null) {
            var settings = config.s3().orElseGet(() -> track(EmbeddedS3.start(config.dataDir())).settings());
            store = track(ObjectStore.connect(settings));
        }
        return store;
    }

    private <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                System.err.println("While closing " + opened.get(i) + ": " + e.getMessage());
            }
        }
        opened.clear();
    }
}
