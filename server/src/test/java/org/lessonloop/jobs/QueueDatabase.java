package org.lessonloop.jobs;

import static org.lessonloop.db.Tables.ORGANIZATIONS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.testing.TestDatabase;

/**
 * A fresh migrated PostgreSQL database for the queue tests of this test run, with a teacher whose
 * recordings jobs can work on. The tests share it: each uses job kinds of its own.
 */
final class QueueDatabase {
    private static QueueDatabase shared;

    final DatabaseSettings settings = TestDatabase.fresh();
    final Database database;
    final DSLContext db;
    final Clock clock = Clock.systemUTC();
    final JobQueue queue;
    final UUID organizationId = UUID.randomUUID();
    private final UUID teacherId = UUID.randomUUID();

    static synchronized QueueDatabase shared() {
        if (shared == null) {
            shared = new QueueDatabase();
        }
        return shared;
    }

    private QueueDatabase() {
        database = Database.open(settings, 12);
        db = database.dsl();
        queue = new JobQueue(db, clock);
        db.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, organizationId).set(ORGANIZATIONS.NAME, "Queue school").execute();
        db.insertInto(USERS)
                .set(USERS.ID, teacherId)
                .set(USERS.ORGANIZATION_ID, organizationId)
                .set(USERS.EMAIL, "queue.teacher@school.test")
                .set(USERS.DISPLAY_NAME, "Quinn Queue")
                .set(USERS.ROLE, "teacher")
                .set(USERS.PASSWORD_HASH, "not-used")
                .execute();
    }

    /** A recording of the teacher's, for jobs to belong to. */
    UUID recording() {
        UUID id = UUID.randomUUID();
        db.insertInto(RECORDINGS)
                .set(RECORDINGS.ID, id)
                .set(RECORDINGS.OWNER_ID, teacherId)
                .set(RECORDINGS.TITLE, "Fractions, period 3")
                .set(RECORDINGS.STATUS, "probing")
                .execute();
        return id;
    }

    /** A job of this kind on a new recording, queued outside any other transaction. */
    UUID enqueue(String kind, int maxAttempts) {
        return queue.enqueue(db, JobRequest.forRecording(kind, recording(), maxAttempts));
    }

    JobView job(UUID id) {
        return queue.find(id).orElseThrow();
    }

    JobRepository repository() {
        return new JobRepository(db, clock);
    }

    /** A job kind no other test uses, so each test's workers see only its own jobs. */
    static String uniqueKind(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
