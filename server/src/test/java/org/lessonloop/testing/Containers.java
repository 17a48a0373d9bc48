package org.lessonloop.testing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.storage.S3Settings;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The stock PostgreSQL and MinIO images docker/compose.yaml runs, started once per test JVM for
 * every test class that uses them (Testcontainers' reaper removes them when the JVM exits). Use
 * them only from classes marked {@code @Testcontainers(disabledWithoutDocker = true)}, which are
 * skipped where no Docker engine answers.
 */
public final class Containers {
    /** The images compose.yaml runs (DockerDeploymentTest holds them equal). MinIO's from its own
     *  registry, since Docker Hub no longer serves its images. */
    public static final String POSTGRES_IMAGE = "postgres:17";
    public static final String MINIO_IMAGE = "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z";

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private Containers() {
    }

    /** A new, empty database on the PostgreSQL container. */
    public static DatabaseSettings freshDatabase() {
        PostgreSQLContainer<?> postgres = Postgres.CONTAINER;
        return TestDatabase.freshOn(new DatabaseSettings(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword()));
    }

    /** Settings for a bucket of its own on the MinIO container, not created yet (callers ensure it). */
    public static S3Settings freshBucket() {
        MinIOContainer minio = Minio.CONTAINER;
        return new S3Settings(URI.create(minio.getS3URL()), minio.getUserName(), minio.getPassword(), "us-east-1",
                "test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet());
    }

    // Holders, so that a class using only one of the two starts only that one.
    private static final class Postgres {
        static final PostgreSQLContainer<?> CONTAINER = started(new PostgreSQLContainer<>(POSTGRES_IMAGE));
    }

    private static final class Minio {
        static final MinIOContainer CONTAINER = started(new MinIOContainer(
                DockerImageName.parse(MINIO_IMAGE).asCompatibleSubstituteFor("minio/minio")));
    }

    private static <C extends org.testcontainers.containers.GenericContainer<?>> C started(C container) {
        container.start();
        return container;
    }
}
