package org.lessonloop.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.db.Tables.UPLOADS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.access.AccessPolicy;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.UserRepository;
import org.lessonloop.accounts.UserRole;
import org.lessonloop.audit.AuditLog;
import org.lessonloop.database.Database;
import org.lessonloop.database.DatabaseChanges;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingDetails;
import org.lessonloop.recordings.RecordingLifecycle;
import org.lessonloop.recordings.RecordingRemoval;
import org.lessonloop.recordings.RecordingRepository;
import org.lessonloop.recordings.RecordingState;
import org.lessonloop.recordings.Recordings;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.testing.TestDatabase;

/** tus expiration as the housekeeping sweep runs it: the recording's upload step fails with a reason, and the teacher starts again. */
class UploadExpiryTest {
    private static Database database;
    private static EmbeddedS3 s3;
    private static ObjectStore store;
    private static DSLContext db;
    private static RecordingLifecycle lifecycle;
    private static Recordings recordings;
    private static Uploads uploads;
    private static CurrentUser teacher;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("upload-expiry");
        database = Database.open(TestDatabase.fresh(), 4);
        db = database.dsl();
        s3 = EmbeddedS3.start(dir);
        store = ObjectStore.connect(s3.settings());
        store.ensureBucket();
        var policy = new AccessPolicy(db, new DatabaseChanges(db), java.time.Clock.systemUTC());
        var repository = new RecordingRepository(db);
        lifecycle = new RecordingLifecycle(repository);
        recordings = new Recordings(repository, policy, new RecordingRemoval(repository, store, List.of(), policy, new AuditLog(db)),
                new AuditLog(db));
        uploads = new Uploads(db, store, policy, lifecycle, 1L << 30, 1L << 32, 5L << 20, Duration.ofDays(1), 20,
                dir.resolve("scratch"), "expiry-test", (tx, recordingId) -> { });
        var users = new UserRepository(db);
        teacher = new CurrentUser(users.insert(users.createOrganization("Expiry school"), "expiry@school.test", "Ex Piry",
                UserRole.TEACHER, "not-used"), "csrf", "session");
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
        database.close();
    }

    @Test
    void anUploadThatExpiresUnfinishedFailsTheUploadStepUntilTheTeacherStartsAgain() {
        UUID recordingId = recordings.create(teacher, new RecordingDetails("Expiring", Optional.empty(), Optional.empty(),
                Optional.empty())).recording().id();
        Upload upload = uploads.create(teacher, 1000, metadataFor(recordingId));
        db.update(UPLOADS).set(UPLOADS.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1)).where(UPLOADS.ID.eq(upload.id())).execute();

        assertEquals(1, uploads.sweepExpired());

        Recording failed = lifecycle.find(recordingId).orElseThrow();
        assertEquals(RecordingState.UPLOAD_FAILED, failed.state());
        assertEquals("failed", failed.status().code());
        assertTrue(failed.statusReason().orElseThrow().contains("Upload the file again"), failed.statusReason().toString());
        assertEquals(0, db.fetchCount(UPLOADS, UPLOADS.RECORDING_ID.eq(recordingId)));

        uploads.create(teacher, 1000, metadataFor(recordingId));

        Recording again = lifecycle.find(recordingId).orElseThrow();
        assertEquals(RecordingState.UPLOADING, again.state());
        assertEquals(Optional.empty(), again.statusReason());
    }

    private static TusMetadata metadataFor(UUID recordingId) {
        var base64 = java.util.Base64.getEncoder();
        return TusMetadata.parse("recordingId " + base64.encodeToString(recordingId.toString().getBytes())
                + ",filename " + base64.encodeToString("lesson.mp4".getBytes()));
    }
}
