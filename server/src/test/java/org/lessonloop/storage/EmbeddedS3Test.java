package org.lessonloop.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3Test {

    @TempDir
    Path dataDir;

    @Test
    void eachStartGeneratesFreshCredentials() {
        S3Settings first;
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir)) {
            first = s3.settings();
        }
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir)) {
            assertNotEquals(first.accessKey(), s3.settings().accessKey());
            assertNotEquals(first.secretKey(), s3.settings().secretKey());
        }
    }

    @Test
    void aClientWithTheWrongSecretIsRejected() {
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir)) {
            S3Settings real = s3.settings();
            var forged = new S3Settings(real.endpoint(), real.accessKey(), "not-the-secret", real.region(), real.bucket());

            try (ObjectStore store = ObjectStore.connect(forged)) {
                assertThrows(StorageException.class, store::ensureBucket);
            }
        }
    }

    @Test
    void settingsNeverPrintTheSecret() {
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir)) {
            assertFalse(s3.settings().toString().contains(s3.settings().secretKey()));
        }
    }
}
