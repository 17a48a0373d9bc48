package org.lessonloop.upload;

import java.util.Map;
import org.lessonloop.testing.Containers;
import org.lessonloop.testing.TestServer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Every tus test of {@link TusProtocolTest} on MinIO and a stock PostgreSQL 17, the images
 * docker/compose.yaml runs: multipart uploads, parked tails, resumption after a restart and
 * termination as MinIO itself does them. Skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class TusProtocolOnContainersTest extends TusProtocolTest {

    @Override
    TestServer newServer(Map<String, String> env) {
        return TestServer.startOn(Containers.freshDatabase(), Containers.freshBucket(), env);
    }
}
