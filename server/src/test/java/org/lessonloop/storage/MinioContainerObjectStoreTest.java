package org.lessonloop.storage;

import org.lessonloop.testing.Containers;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Every ObjectStore test on MinIO itself, the image docker/compose.yaml runs; skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class MinioContainerObjectStoreTest extends ObjectStoreContract {

    @Override
    S3Settings emptyBucket() {
        return Containers.freshBucket();
    }
}
