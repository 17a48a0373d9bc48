package org.lessonloop.recordings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.db.Tables.ORGANIZATIONS;
import static org.lessonloop.db.Tables.RECORDINGS;
import static org.lessonloop.db.Tables.USERS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.database.Database;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.testing.TestDatabase;

/** Moves stored in real PostgreSQL: only from the state they were decided from, with what their events carry. */
class RecordingLifecycleTest {
    private static final Recording.Source SOURCE = new Recording.Source("recordings/x/source", "lesson.mp4", 4096, "cd".repeat(32));

    private static Database database;
    private static DSLContext db;
    private static RecordingRepository repository;
    private static RecordingLifecycle lifecycle;
    private static UUID teacherId;

    @BeforeAll
    static void open() {
        database = Database.open(TestDatabase.fresh(), 8);
        db = database.dsl();
        repository = new RecordingRepository(db);
        lifecycle = new RecordingLifecycle(repository);
        UUID organizationId = UUID.randomUUID();
        teacherId = UUID.randomUUID();
        db.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, organizationId).set(ORGANIZATIONS.NAME, "Lifecycle school").execute();
        db.insertInto(USERS).set(USERS.ID, teacherId).set(USERS.ORGANIZATION_ID, organizationId)
                .set(USERS.EMAIL, "lifecycle.teacher@school.test").set(USERS.DISPLAY_NAME, "Lee Cycle")
                .set(USERS.ROLE, "teacher").set(USERS.PASSWORD_HASH, "not-used").execute();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aMoveDecidedFromAStateTheRecordingHasLeftIsNotStored() {
        UUID id = recording();
        lifecycle.move(id, new LifecycleEvent.UploadStarted());

        Optional<Recording> stale = repository.transition(id, RecordingState.AWAITING_UPLOAD, RecordingState.UPLOADING,
                new LifecycleEvent.UploadStarted());

        assertEquals(Optional.empty(), stale);
        assertEquals("uploading", storedStatus(id));
    }

    @Test
    void ofConcurrentMovesFromOneStateExactlyOneIsStored() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                UUID id = uploading();
                CountDownLatch go = new CountDownLatch(1);
                Future<Optional<Recording>> completed = threads.submit(() -> {
                    go.await();
                    return lifecycle.tryMove(id, new LifecycleEvent.UploadCompleted(SOURCE));
                });
                Future<Optional<Recording>> abandoned = threads.submit(() -> {
                    go.await();
                    return lifecycle.tryMove(id, new LifecycleEvent.UploadAbandoned());
                });
                go.countDown();

                // Neither can follow the other: whichever comes second is refused, by the lifecycle or by the update.
                List<Recording> winners = new ArrayList<>();
                completed.get().ifPresent(winners::add);
                abandoned.get().ifPresent(winners::add);
                assertEquals(1, winners.size(), "round " + round + ": " + winners);
                assertEquals(winners.getFirst().state().code(), storedStatus(id));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aPersonsRefusedMoveIsAConflictThatSaysWhy() {
        UUID id = recording();

        ProblemException refused = assertThrows(ProblemException.Conflict.class,
                () -> lifecycle.move(id, new LifecycleEvent.RetryRequested()));

        assertTrue(refused.detail().contains("only a recording whose processing failed"), refused.detail());
        assertEquals("awaiting_upload", storedStatus(id));
    }

    @Test
    void aMoveOnARecordingThatIsGoneIsNotFoundOrQuietlyRefused() {
        UUID gone = UUID.randomUUID();

        assertThrows(ProblemException.NotFound.class, () -> lifecycle.move(gone, new LifecycleEvent.UploadStarted()));
        assertEquals(Optional.empty(), lifecycle.tryMove(gone, new LifecycleEvent.UploadStarted()));
    }

    @Test
    void theMovesStoreWhatTheirEventsCarry() {
        UUID id = uploading();

        Recording uploaded = lifecycle.move(id, new LifecycleEvent.UploadCompleted(SOURCE));
        lifecycle.move(id, new LifecycleEvent.ProcessingStarted());
        Recording probed = lifecycle.move(id, new LifecycleEvent.Probed(61_000, 720, 1280, false));
        lifecycle.move(id, new LifecycleEvent.Transcoded());
        Recording ready = lifecycle.move(id, new LifecycleEvent.Published());

        assertEquals(Optional.of(SOURCE), uploaded.source());
        assertEquals(RecordingState.UPLOADED, uploaded.state());
        assertEquals(List.of(Optional.of(61_000L), Optional.of(720), Optional.of(1280), Optional.of(false)),
                List.of(probed.media().durationMs(), probed.media().width(), probed.media().height(), probed.media().hasAudio()));
        assertEquals(RecordingState.READY, ready.state());
        assertTrue(ready.media().playable());
        assertEquals(Optional.of(100), ready.media().progress());
    }

    @Test
    void aFailureKeepsItsReasonAndStepUntilTheRetryClearsThem() {
        UUID id = transcoding();
        lifecycle.recordProgress(id, "transcoding", 40, true);

        Recording failed = lifecycle.move(id, new LifecycleEvent.Failed("ffmpeg exited with status 1"));
        Recording retried = lifecycle.move(id, new LifecycleEvent.RetryRequested());

        assertEquals(RecordingState.TRANSCODE_FAILED, failed.state());
        assertEquals(Optional.of(RecordingState.Step.TRANSCODE), failed.state().failedStep());
        assertEquals(Optional.of("ffmpeg exited with status 1"), failed.statusReason());
        assertEquals(false, failed.media().playable());
        assertEquals(RecordingState.PROBING, retried.state());
        assertEquals(Optional.empty(), retried.statusReason());
        assertEquals(Optional.of(0), retried.media().progress());
    }

    @Test
    void progressIsIgnoredOnceProcessingHasEnded() {
        UUID id = transcoding();
        lifecycle.move(id, new LifecycleEvent.Failed("The recording is cut off."));

        lifecycle.recordProgress(id, "transcoding", 70, true);

        Recording after = lifecycle.find(id).orElseThrow();
        assertEquals(Optional.empty(), after.media().progress());
        assertEquals(false, after.media().playable());
    }

    @Test
    void theDatabaseRefusesAStatusTheLifecycleDoesNotKnow() {
        UUID id = recording();

        assertThrows(org.jooq.exception.DataAccessException.class,
                () -> db.update(RECORDINGS).set(RECORDINGS.STATUS, "processing").where(RECORDINGS.ID.eq(id)).execute());
    }

    private static UUID recording() {
        return repository.insert(teacherId, new RecordingDetails("Fractions", Optional.empty(), Optional.empty(), Optional.empty())).id();
    }

    private static UUID uploading() {
        UUID id = recording();
        lifecycle.move(id, new LifecycleEvent.UploadStarted());
        return id;
    }

    private static UUID transcoding() {
        UUID id = uploading();
        lifecycle.move(id, new LifecycleEvent.UploadCompleted(SOURCE));
        lifecycle.move(id, new LifecycleEvent.ProcessingStarted());
        lifecycle.move(id, new LifecycleEvent.Probed(30_000, 1280, 720, true));
        return id;
    }

    private static String storedStatus(UUID id) {
        return db.fetchValue(RECORDINGS.STATUS, RECORDINGS.ID.eq(id));
    }
}
