package org.lessonloop.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.lessonloop.db.Tables.ORGANIZATIONS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.RECORDING_SHARES;
import static org.lessonloop.db.Tables.USERS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.TestDatabase;

/** Messages between nodes on a channel of their own, through a real PostgreSQL: two DatabaseChanges are two nodes. */
class DatabaseChangesTest {
    private static final String CHANNEL = "lessonloop_test_messages";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static DatabaseSettings settings;
    private static Database database;

    private final BlockingQueue<String> heardHere = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> heardThere = new LinkedBlockingQueue<>();
    private final List<DatabaseChanges> nodes = new ArrayList<>();

    @BeforeAll
    static void migrate() {
        settings = TestDatabase.fresh();
        database = Database.open(settings, 4);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(DatabaseChanges::close);
    }

    @Test
    void aMessageSentOnOneNodeReachesEveryNodeItself() {
        DatabaseChanges here = node(heardHere::add);
        node(heardThere::add);

        here.send(CHANNEL, "hello");

        assertEquals("hello", next(heardThere));
        assertEquals("hello", next(heardHere), "the sender hears its own message too; hearers tell them apart");
    }

    @Test
    void aMessageLongerThanNotifysLimitArrivesWhole() {
        DatabaseChanges here = node(heardHere::add);
        node(heardThere::add);
        String comment = "Schön gefragt 🙂 ".repeat(700);

        here.send(CHANNEL, comment);

        assertEquals(comment, next(heardThere));
    }

    @Test
    void messagesArriveInTheOrderOneNodeSentThem() {
        DatabaseChanges here = node(heardHere::add);
        node(heardThere::add);
        List<String> sent = IntStream.range(0, 300).mapToObj(i -> i % 50 == 0 ? "long " + i + "x".repeat(9_000) : "short " + i).toList();

        sent.forEach(message -> here.send(CHANNEL, message));

        List<String> heard = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            heard.add(next(heardThere));
        }
        assertEquals(sent, heard);
    }

    @Test
    void aShareRevokedBeforeAMessageWasSentIsHeardBeforeTheMessage() {
        UUID recording = sharedRecording();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        DatabaseChanges here = node(heardHere::add);
        DatabaseChanges there = new DatabaseChanges(db());
        there.<UUID, UUID, String>cache("access", UUID::fromString, 100, 1, value -> 1).watch(new CoherentCache.Watcher<>() {
            @Override
            public void changed(UUID recording) {
                heard.add("access:" + recording);
            }

            @Override
            public void changedAll() {
                heard.add("access:*");
            }
        });
        there.hear(CHANNEL, heard::add, () -> { });
        there.listen(settings);
        nodes.add(there);
        assertEquals("access:*", next(heard), "the first resync, at start");

        db().deleteFrom(RECORDING_SHARES).where(RECORDING_SHARES.RECORDING_ID.eq(recording)).execute();
        here.send(CHANNEL, "posted after the revocation");

        assertEquals("access:" + recording, next(heard));
        assertEquals("posted after the revocation", next(heard));
    }

    @Test
    void aMessageIsNotSentInsideTheSendersTransaction() {
        DatabaseChanges here = node(heardHere::add);
        node(heardThere::add);

        db().transaction(tx -> {
            here.send(CHANNEL, "after commit");
            Thread.sleep(300); // the sender's transaction is still open; the batch leaves without it
            assertEquals("after commit", heardThere.poll(5, TimeUnit.SECONDS), "the message waited for the sender's transaction");
        });
    }

    private DatabaseChanges node(java.util.function.Consumer<String> onMessage) {
        DatabaseChanges changes = new DatabaseChanges(db());
        changes.hear(CHANNEL, onMessage, () -> { });
        changes.listen(settings);
        nodes.add(changes);
        return changes;
    }

    private static String next(BlockingQueue<String> queue) {
        try {
            String message = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("No message within " + WAIT);
            }
            return message;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID sharedRecording() {
        UUID organization = UUID.randomUUID();
        UUID teacher = UUID.randomUUID();
        UUID coach = UUID.randomUUID();
        UUID recording = UUID.randomUUID();
        db().insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, organization).set(ORGANIZATIONS.NAME, "School").execute();
        for (UUID user : List.of(teacher, coach)) {
            db().insertInto(USERS).set(USERS.ID, user).set(USERS.ORGANIZATION_ID, organization)
                    .set(USERS.EMAIL, user + "@school.test").set(USERS.DISPLAY_NAME, "Someone")
                    .set(USERS.ROLE, user == teacher ? "teacher" : "coach").set(USERS.PASSWORD_HASH, "x").execute();
        }
        db().insertInto(RECORDINGS).set(RECORDINGS.ID, recording).set(RECORDINGS.OWNER_ID, teacher)
                .set(RECORDINGS.TITLE, "Fractions").set(RECORDINGS.STATUS, "uploading").execute();
        db().insertInto(RECORDING_SHARES).set(RECORDING_SHARES.RECORDING_ID, recording).set(RECORDING_SHARES.USER_ID, coach)
                .set(RECORDING_SHARES.PERMISSION, "view").execute();
        return recording;
    }

    private static DSLContext db() {
        return database.dsl();
    }
}
