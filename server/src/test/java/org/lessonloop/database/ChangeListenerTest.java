package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.lessonloop.db.Tables.COMMENTS;
import static org.lessonloop.db.Tables.ORGANIZATIONS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.RECORDING_SHARES;
import static org.lessonloop.db.Tables.SESSIONS;
import static org.lessonloop.db.Tables.TAGS;
import static org.lessonloop.db.Tables.TAG_SETS;
import static org.lessonloop.db.Tables.USERS;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.TestDatabase;

/** The review triggers of V5 and the listener that hears them, on a real PostgreSQL. */
class ChangeListenerTest {
    private static final String CHANNEL = "lessonloop_changes";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static DatabaseSettings settings;
    private static Database database;

    private final BlockingQueue<String> changes = new LinkedBlockingQueue<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private ChangeListener listener;

    @BeforeAll
    static void migrate() {
        settings = TestDatabase.fresh();
        database = Database.open(settings, 2);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @AfterEach
    void stopListening() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void aNotificationFromAnotherConnectionReachesOnChange() {
        listen();
        notify("x");
        assertEquals("x", next());
    }

    @Test
    void aNewCommentIsAnnouncedByTheApplicationAndItsEditByTheTrigger() {
        UUID recording = recording();
        listen();
        UUID comment = insertComment(db(), recording);
        notify("marker");
        assertEquals("marker", next(), "no trigger on insert: one notification lock would serialise every writer's commit");

        try (var changes = new DatabaseChanges(db())) {
            changes.<UUID, UUID, String>cache("review", UUID::fromString, 100, 1, text -> 1).changedHere(recording);
            assertEquals("review:" + recording, next(), "the application announces what it adds");
        }

        db().update(COMMENTS).set(COMMENTS.BODY, "Edited").where(COMMENTS.ID.eq(comment)).execute();
        assertEquals("review:" + recording, next());
    }

    @Test
    void aChangeThatCouldNotBeAnnouncedIsAnnouncedOnceTheDatabaseAnswersAgain() throws Exception {
        UUID recording = recording();
        listen();
        // The announcing node's way to the database breaks (connections refused), then comes back.
        var path = new org.postgresql.ds.PGSimpleDataSource();
        path.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
        try (var changes = new DatabaseChanges(DSL.using(path, org.jooq.SQLDialect.POSTGRES))) {
            changes.<UUID, UUID, String>cache("review", UUID::fromString, 100, 1, text -> 1).changedHere(recording);
            Thread.sleep(300); // many announcing rounds fail meanwhile
            path.setURL(settings.jdbcUrl());
            path.setUser(settings.user());
            path.setPassword(settings.password());
            assertEquals("review:" + recording, next(), "the change waited instead of being dropped");
        }
    }

    @Test
    void aTagsNewColourNotifiesEveryRecording() {
        UUID tag = tag();
        listen();
        db().update(TAGS).set(TAGS.COLOR, "#00ff00").where(TAGS.ID.eq(tag)).execute();
        assertEquals("review:*", next());
    }

    @Test
    void aShareGrantedAndRevokedNotifiesAccessToItsRecording() {
        UUID recording = recording();
        UUID coach = db().select(RECORDINGS.OWNER_ID).from(RECORDINGS).where(RECORDINGS.ID.eq(recording)).fetchSingle().value1();
        listen();
        db().insertInto(RECORDING_SHARES).set(RECORDING_SHARES.RECORDING_ID, recording).set(RECORDING_SHARES.USER_ID, coach)
                .set(RECORDING_SHARES.PERMISSION, "view").execute();
        assertEquals("access:" + recording, next());
        db().deleteFrom(RECORDING_SHARES).where(RECORDING_SHARES.RECORDING_ID.eq(recording)).execute();
        assertEquals("access:" + recording, next());
    }

    @Test
    void anEndedSessionNotifiesItsTokenHashAndAUserEditEverySession() {
        UUID teacher = db().select(RECORDINGS.OWNER_ID).from(RECORDINGS).where(RECORDINGS.ID.eq(recording())).fetchSingle().value1();
        db().insertInto(SESSIONS).set(SESSIONS.TOKEN_HASH, "feed").set(SESSIONS.USER_ID, teacher).set(SESSIONS.CSRF_TOKEN, "c")
                .set(SESSIONS.EXPIRES_AT, java.time.OffsetDateTime.now().plusHours(1)).execute();
        listen();
        db().deleteFrom(SESSIONS).where(SESSIONS.TOKEN_HASH.eq("feed")).execute();
        assertEquals("session:feed", next());
        db().update(USERS).set(USERS.ROLE, "coach").where(USERS.ID.eq(teacher)).execute();
        assertEquals("session:*", next());
    }

    @Test
    void truncatingSessionsNotifiesEverySession() {
        listen();
        db().execute("TRUNCATE sessions");
        assertEquals("session:*", next());
    }

    @Test
    void aRecordingsNewDurationNotifiesIt() {
        UUID recording = recording();
        listen();
        db().update(RECORDINGS).set(RECORDINGS.DURATION_MS, 61_000L).where(RECORDINGS.ID.eq(recording)).execute();
        // The recording's facts first: timelines are built from them.
        assertEquals("recording:" + recording, next());
        assertEquals("review:" + recording, next());
    }

    @Test
    void aRecordingsStatusOrUnchangedDurationNotifiesNothing() {
        UUID recording = recording();
        db().update(RECORDINGS).set(RECORDINGS.DURATION_MS, 61_000L).where(RECORDINGS.ID.eq(recording)).execute();
        listen();
        db().update(RECORDINGS).set(RECORDINGS.STATUS, "ready").set(RECORDINGS.PROCESSING_PROGRESS, (short) 100)
                .where(RECORDINGS.ID.eq(recording)).execute();
        db().update(RECORDINGS).set(RECORDINGS.DURATION_MS, 61_000L).where(RECORDINGS.ID.eq(recording)).execute();
        notify("marker");
        // Notifications arrive in commit order: anything the updates sent would come first.
        assertEquals("marker", next());
    }

    @Test
    void aRolledBackTransactionNotifiesNothing() {
        UUID recording = recording();
        listen();
        assertThrows(IllegalStateException.class, () -> db().transaction(tx -> {
            DSL.using(tx).execute("SELECT pg_notify('" + CHANNEL + "', 'rolled back')");
            insertComment(DSL.using(tx), recording);
            throw new IllegalStateException("roll back");
        }));
        notify("marker");
        assertEquals("marker", next());
    }

    @Test
    void afterItsBackendIsTerminatedItReconnectsResyncsAndHearsAgain() {
        listen();
        assertEquals(1, resyncs.get());
        assertTrue(listener.listening());

        int terminated = db().fetchOne("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = ? AND datname = current_database()", ChangeListener.APPLICATION_NAME)
                .get(0, Integer.class);
        assertEquals(1, terminated);

        await(() -> !listener.listening(), "listening() turns false");
        await(() -> resyncs.get() == 2, "a second resync");
        assertTrue(listener.listening());
        notify("again");
        assertEquals("again", next());
    }

    @Test
    void aFailingChangeHandlerDoesNotStopTheListener() {
        listener = ChangeListener.start(settings, Map.of(CHANNEL, failingOn("boom")), resyncs::incrementAndGet);
        notify("boom");
        notify("fine");
        assertEquals("fine", next());
        assertTrue(listener.listening());
    }

    @Test
    void aResyncThatFailsMeansNotListening() {
        // Caches that could not be emptied must not be trusted: no start rather than stale answers.
        assertThrows(IllegalStateException.class, () -> ChangeListener.start(settings, Map.of(CHANNEL, changes::add), () -> {
            throw new IllegalStateException("resync failed");
        }));
        // A closed connection leaves pg_stat_activity a moment after it closes (a previous test's too).
        assertEquals(0, Eventually.until(ChangeListenerTest::sessionsOfListener, n -> n == 0), "no connection left behind");
    }

    @Test
    void closeStopsTheThreadAndEndsTheSession() {
        listen();
        listener.close();
        listener.close();
        assertFalse(listener.listening());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(ChangeListener.APPLICATION_NAME)), "the listener thread is gone");
        await(() -> sessionsOfListener() == 0, "its session ends");
    }

    @Test
    void startFailsWhenTheDatabaseIsUnreachable() {
        DatabaseSettings nowhere = new DatabaseSettings(settings.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/no_such_db$1"),
                settings.user(), settings.password());
        assertThrows(IllegalStateException.class, () -> ChangeListener.start(nowhere, Map.of(CHANNEL, changes::add), resyncs::incrementAndGet));
    }

    @Test
    void aChannelThatIsNotASimpleIdentifierIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ChangeListener.start(settings, Map.of("review; DROP TABLE users", changes::add), resyncs::incrementAndGet));
    }

    private void listen() {
        listener = ChangeListener.start(settings, Map.of(CHANNEL, changes::add), resyncs::incrementAndGet);
    }

    private Consumer<String> failingOn(String payload) {
        return change -> {
            if (change.equals(payload)) {
                throw new IllegalStateException("cannot handle " + change);
            }
            changes.add(change);
        };
    }

    private String next() {
        try {
            String change = changes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (change == null) {
                fail("No notification within " + WAIT);
            }
            return change;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Waited " + WAIT + " for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static int sessionsOfListener() {
        return db().fetchOne("SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()",
                ChangeListener.APPLICATION_NAME).get(0, Integer.class);
    }

    private static void notify(String payload) {
        db().execute("SELECT pg_notify(?, ?)", CHANNEL, payload);
    }

    private static DSLContext db() {
        return database.dsl();
    }

    private static UUID recording() {
        UUID organization = UUID.randomUUID();
        UUID teacher = UUID.randomUUID();
        UUID recording = UUID.randomUUID();
        db().insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, organization).set(ORGANIZATIONS.NAME, "School").execute();
        db().insertInto(USERS).set(USERS.ID, teacher).set(USERS.ORGANIZATION_ID, organization)
                .set(USERS.EMAIL, teacher + "@school.test").set(USERS.DISPLAY_NAME, "Teacher")
                .set(USERS.ROLE, "teacher").set(USERS.PASSWORD_HASH, "x").execute();
        db().insertInto(RECORDINGS).set(RECORDINGS.ID, recording).set(RECORDINGS.OWNER_ID, teacher)
                .set(RECORDINGS.TITLE, "Fractions").set(RECORDINGS.STATUS, "uploading").execute();
        return recording;
    }

    private static UUID insertComment(DSLContext db, UUID recording) {
        UUID author = db.select(RECORDINGS.OWNER_ID).from(RECORDINGS).where(RECORDINGS.ID.eq(recording)).fetchSingle().value1();
        UUID id = UUID.randomUUID();
        db.insertInto(COMMENTS).set(COMMENTS.ID, id).set(COMMENTS.RECORDING_ID, recording)
                .set(COMMENTS.AUTHOR_ID, author).set(COMMENTS.START_MS, 1_000L).set(COMMENTS.BODY, "Good question")
                .set(COMMENTS.VISIBILITY, "shared").execute();
        return id;
    }

    private static UUID tag() {
        UUID organization = UUID.randomUUID();
        UUID set = UUID.randomUUID();
        UUID tag = UUID.randomUUID();
        db().insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, organization).set(ORGANIZATIONS.NAME, "District").execute();
        db().insertInto(TAG_SETS).set(TAG_SETS.ID, set).set(TAG_SETS.ORGANIZATION_ID, organization).set(TAG_SETS.NAME, "Framework").execute();
        db().insertInto(TAGS).set(TAGS.ID, tag).set(TAGS.TAG_SET_ID, set).set(TAGS.NAME, "Questioning").set(TAGS.COLOR, "#ff0000").execute();
        return tag;
    }
}
