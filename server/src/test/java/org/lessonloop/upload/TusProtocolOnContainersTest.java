package org.lessonloop.upload;

import org.lessonloop.testing.OnContainers;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Every tus test of {@link TusProtocolTest} on MinIO and a stock PostgreSQL 17, the images
 * docker/compose.yaml runs: multipart uploads, parked tails, resumption after a restart and
 * termination as MinIO itself does them. Skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
@OnContainers
class TusProtocolOnContainersTest extends TusProtocolTest {
}
