package org.lessonloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ObjectStore on the embedded S3Proxy the application itself starts, a fresh one per test. */
class ObjectStoreTest extends ObjectStoreContract {

    @TempDir
    Path dataDir;

    private EmbeddedS3 s3;

    @Override
    S3Settings emptyBucket() {
        s3 = EmbeddedS3.start(dataDir);
        return s3.settings();
    }

    @AfterEach
    void stopS3() {
        s3.close();
    }

    @Test
    void objectsAreStoredAsPlainFilesUnderObjectsBucketKey() throws IOException {
        putText("recordings/r1/peaks.json", "[0,1,2]");

        Path onDisk = dataDir.resolve("objects").resolve(EmbeddedS3.BUCKET).resolve("recordings/r1/peaks.json");
        assertEquals("[0,1,2]", Files.readString(onDisk));
    }

    @Test
    void objectsSurviveARestartOnTheSameDirectory() throws IOException {
        putText("recordings/r1/peaks.json", "[3,4,5]");
        store.close();
        s3.close();

        s3 = EmbeddedS3.start(dataDir);
        store = ObjectStore.connect(s3.settings());

        try (InputStream in = store.get("recordings/r1/peaks.json")) {
            assertEquals("[3,4,5]", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
