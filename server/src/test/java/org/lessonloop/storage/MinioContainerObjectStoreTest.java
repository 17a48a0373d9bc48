package org.lessonloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lessonloop.storage.StorageFixtures.sha256;
import static org.lessonloop.storage.StorageFixtures.uploadTwoPartsAndComplete;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The multipart round trip against real MinIO, as in production; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
class MinioContainerObjectStoreTest {

    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z");

    @TempDir
    Path scratch;

    @Test
    void aCompletedMultipartUploadIsTheConcatenationOfItsParts() throws IOException {
        var settings = new S3Settings(URI.create(MINIO.getS3URL()), MINIO.getUserName(), MINIO.getPassword(),
                "us-east-1", "lessonloop");
        try (ObjectStore store = ObjectStore.connect(settings)) {
            store.ensureBucket();

            String expected = uploadTwoPartsAndComplete(store, "originals/u1.mp4", scratch);

            try (InputStream in = store.get("originals/u1.mp4")) {
                assertEquals(expected, sha256(in));
            }
        }
    }
}
