package org.lessonloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration tree from LESSONLOOP_* variables: defaults, parsing, and failures that name the variable. */
class LessonloopConfigTest {
    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        LessonloopConfig config = LessonloopConfig.from(Map.of());

        assertEquals(Role.ALL, config.role());
        assertEquals(8080, config.httpPort());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), config.dataDir());
        assertTrue(config.database().isEmpty(), "no database settings means the embedded PostgreSQL");
        assertTrue(config.s3().isEmpty(), "no S3 settings means the embedded S3");
        assertTrue(config.bootstrapAdmin().isEmpty());
        assertEquals(Duration.ofHours(12), config.accounts().sessionTtl());
        assertFalse(config.accounts().secureCookies());
        assertEquals(8 * GIB, config.uploads().maxFileBytes());
        assertEquals(100 * GIB, config.uploads().quotaBytes());
        assertEquals(8 * MIB, config.uploads().partBytes());
        assertEquals(Duration.ofDays(7), config.uploads().expiry());
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), config.jobs().workerConcurrency());
        assertEquals(Duration.ofSeconds(60), config.jobs().lease());
    }

    @Test
    void theWorkerSettingsAreRead() {
        LessonloopConfig config = LessonloopConfig.from(Map.of(
                "LESSONLOOP_WORKER_CONCURRENCY", "3",
                "LESSONLOOP_JOB_LEASE_SECONDS", "120"));

        assertEquals(3, config.jobs().workerConcurrency());
        assertEquals(Duration.ofSeconds(120), config.jobs().lease());
    }

    @Test
    void blockingWorkIsBoundedByTheDatabasePoolWithAQueueFourTimesItsSize() {
        LessonloopConfig config = LessonloopConfig.from(Map.of("LESSONLOOP_DB_POOL_SIZE", "8"));
        assertEquals(new LessonloopConfig.Capacity(8, 32), config.capacity());
        assertEquals(new LessonloopConfig.Capacity(16, 64), LessonloopConfig.from(Map.of()).capacity());
        assertEquals(Duration.ofSeconds(5), LessonloopConfig.from(Map.of()).jobs().firstRetry());
    }

    @Test
    void aPoolTooSmallOrAQueueBelowZeroFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_DB_POOL_SIZE", "1"), "LESSONLOOP_DB_POOL_SIZE", "between 2 and 500");
        assertFailsNaming(Map.of("LESSONLOOP_BLOCKING_QUEUE", "-1"), "LESSONLOOP_BLOCKING_QUEUE", "between 0 and");
        assertFailsNaming(Map.of("LESSONLOOP_JOB_RETRY_SECONDS", "0"), "LESSONLOOP_JOB_RETRY_SECONDS", "between 1 and 600");
    }

    @Test
    void theEventBusIsClusteredOnlyWhenMembersAreNamed() {
        assertTrue(LessonloopConfig.from(Map.of()).cluster().isEmpty());
        LessonloopConfig config = LessonloopConfig.from(Map.of("LESSONLOOP_CLUSTER_MEMBERS", " web-1:5701, 10.0.0.7:5702 ",
                "LESSONLOOP_CLUSTER_HOST", "10.0.0.6", "LESSONLOOP_CLUSTER_NAME", "district-7"));
        assertEquals(new LessonloopConfig.Cluster("district-7", java.util.List.of("web-1:5701", "10.0.0.7:5702"), "10.0.0.6", 5701, 0),
                config.cluster().orElseThrow());
    }

    @Test
    void aClusterMemberWithoutAPortFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_CLUSTER_MEMBERS", "web-1"), "LESSONLOOP_CLUSTER_MEMBERS", "host:port");
        assertFailsNaming(Map.of("LESSONLOOP_CLUSTER_MEMBERS", "web-1:5701", "LESSONLOOP_CLUSTER_NAME", "a school"),
                "LESSONLOOP_CLUSTER_NAME", "letters");
    }

    @Test
    void aWorkerConcurrencyOfZeroFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_WORKER_CONCURRENCY", "0"), "LESSONLOOP_WORKER_CONCURRENCY", "between 1 and");
    }

    @Test
    void aJobLeaseTooShortForItsHeartbeatsFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_JOB_LEASE_SECONDS", "1"), "LESSONLOOP_JOB_LEASE_SECONDS", "between 3 and 3600");
        assertFailsNaming(Map.of("LESSONLOOP_JOB_LEASE_SECONDS", "60s"), "LESSONLOOP_JOB_LEASE_SECONDS", "whole number of seconds");
    }

    @Test
    void connectionsCloseWhenIdleOrSlowToSendHeadersWithSafeDefaults() {
        var defaults = LessonloopConfig.from(Map.of()).connections();
        assertEquals(java.time.Duration.ofSeconds(120), defaults.idle());
        assertEquals(java.time.Duration.ofSeconds(30), defaults.headers());
        var set = LessonloopConfig.from(Map.of("LESSONLOOP_HTTP_IDLE_SECONDS", "300", "LESSONLOOP_HTTP_HEADER_SECONDS", "5")).connections();
        assertEquals(java.time.Duration.ofSeconds(300), set.idle());
        assertEquals(java.time.Duration.ofSeconds(5), set.headers());
    }

    @Test
    void unfinishedUploadsPerTeacherAreCappedAtTwentyByDefault() {
        assertEquals(20, LessonloopConfig.from(Map.of()).uploads().maxUnfinished());
        assertEquals(5, LessonloopConfig.from(Map.of("LESSONLOOP_UPLOAD_MAX_UNFINISHED", "5")).uploads().maxUnfinished());
        assertFailsNaming(Map.of("LESSONLOOP_UPLOAD_MAX_UNFINISHED", "0"), "LESSONLOOP_UPLOAD_MAX_UNFINISHED", "between 1 and");
    }

    @Test
    void anIdleTimeoutShorterThanTheLiveChannelsPingsFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_HTTP_IDLE_SECONDS", "10"), "LESSONLOOP_HTTP_IDLE_SECONDS", "between 30 and 3600");
        assertFailsNaming(Map.of("LESSONLOOP_HTTP_HEADER_SECONDS", "0"), "LESSONLOOP_HTTP_HEADER_SECONDS", "between 1 and 600");
    }

    @Test
    void anAbsurdlyLongDurationFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_SESSION_HOURS", "9223372036854775807"), "LESSONLOOP_SESSION_HOURS", "too long");
    }

    @Test
    void onlyTheWebRoleRunsNoJobs() {
        assertTrue(Role.ALL.runsJobs() && Role.WORKER.runsJobs());
        assertFalse(Role.WEB.runsJobs());
        assertFalse(Role.WORKER.servesHttp());
    }

    @Test
    void theEnvironmentsValuesAreRead() {
        LessonloopConfig config = LessonloopConfig.from(Map.of(
                "LESSONLOOP_ROLE", "worker",
                "LESSONLOOP_HTTP_PORT", "0",
                "LESSONLOOP_DATA_DIR", "/var/lib/lessonloop",
                "LESSONLOOP_DB_URL", "jdbc:postgresql://db:5432/lessonloop",
                "LESSONLOOP_DB_USER", "ll",
                "LESSONLOOP_DB_PASSWORD", "secret",
                "LESSONLOOP_S3_ENDPOINT", "http://minio:9000",
                "LESSONLOOP_S3_ACCESS_KEY", "access",
                "LESSONLOOP_S3_SECRET_KEY", "secret-key",
                "LESSONLOOP_S3_BUCKET", "lessons"));

        assertEquals(Role.WORKER, config.role());
        assertEquals(0, config.httpPort());
        assertEquals(Path.of("/var/lib/lessonloop"), config.dataDir());
        assertEquals("jdbc:postgresql://db:5432/lessonloop", config.database().orElseThrow().jdbcUrl());
        assertEquals("ll", config.database().orElseThrow().user());
        assertEquals(URI.create("http://minio:9000"), config.s3().orElseThrow().endpoint());
        assertEquals("lessons", config.s3().orElseThrow().bucket());
    }

    @Test
    void thePublicUrlIsReadAndAbsentByDefault() {
        assertEquals(URI.create("https://lessonloop.school.test"),
                LessonloopConfig.from(Map.of("LESSONLOOP_PUBLIC_URL", "https://lessonloop.school.test")).publicUrl().orElseThrow());
        assertTrue(LessonloopConfig.from(Map.of()).publicUrl().isEmpty());
    }

    @Test
    void aPublicUrlThatIsNotHttpFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_PUBLIC_URL", "lessonloop.school.test"), "LESSONLOOP_PUBLIC_URL", "https://");
    }

    @Test
    void theBootstrapAdminIsReadWithBothVariables() {
        LessonloopConfig config = LessonloopConfig.from(Map.of(
                "LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL", "admin@school.test",
                "LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD", "a-long-password"));

        assertEquals("admin@school.test", config.bootstrapAdmin().orElseThrow().email());
        assertFalse(config.bootstrapAdmin().orElseThrow().toString().contains("a-long-password"), "the password must not be logged");
    }

    @Test
    void sizesWithBinaryUnitsParse() {
        LessonloopConfig config = LessonloopConfig.from(Map.of("LESSONLOOP_UPLOAD_MAX_BYTES", "8GiB"));

        assertEquals(8 * GIB, config.uploads().maxFileBytes());
    }

    @Test
    void sizesWithDecimalUnitsParse() {
        LessonloopConfig config = LessonloopConfig.from(Map.of("LESSONLOOP_UPLOAD_MAX_BYTES", "500MB"));

        assertEquals(500_000_000L, config.uploads().maxFileBytes());
    }

    @Test
    void sizesInPlainBytesAndWithSpacesOrLowerCaseParse() {
        assertEquals(1_048_576L, ByteSize.parse("1048576"));
        assertEquals(5 * MIB, ByteSize.parse("5 MiB"));
        assertEquals(2 * GIB, ByteSize.parse("2gib"));
        assertEquals(3_000L, ByteSize.parse("3kB"));
    }

    @Test
    void anUnknownLessonloopVariableFailsNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> LessonloopConfig.from(Map.of("LESSONLOOP_HTTP_PROT", "9000")));

        assertTrue(e.getMessage().contains("LESSONLOOP_HTTP_PROT"), e.getMessage());
    }

    @Test
    void variablesOfOtherProgramsAreIgnored() {
        LessonloopConfig config = LessonloopConfig.from(Map.of("PATH", "/usr/bin", "HOME", "/root", "LESSONLOOPX", "1"));

        assertEquals(8080, config.httpPort());
    }

    @Test
    void aMalformedPortFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_HTTP_PORT", "eighty"), "LESSONLOOP_HTTP_PORT", "whole number");
    }

    @Test
    void aPortOutOfRangeFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_HTTP_PORT", "70000"), "LESSONLOOP_HTTP_PORT", "65535");
    }

    @Test
    void aMalformedSizeFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_UPLOAD_MAX_BYTES", "lots"), "LESSONLOOP_UPLOAD_MAX_BYTES", "8GiB");
    }

    @Test
    void anAbsurdlyLargeSizeFailsNamingTheVariable() {
        // 9,999,999,999 TiB does not fit in a long: still a configuration error, not an ArithmeticException.
        assertFailsNaming(Map.of("LESSONLOOP_UPLOAD_QUOTA_BYTES", "9999999999TiB"), "LESSONLOOP_UPLOAD_QUOTA_BYTES", "");
    }

    @Test
    void aPartSizeUnderTheS3MinimumFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_UPLOAD_PART_BYTES", "1MiB"), "LESSONLOOP_UPLOAD_PART_BYTES", "at least");
    }

    @Test
    void aMalformedRoleFailsNamingTheVariableAndTheChoices() {
        assertFailsNaming(Map.of("LESSONLOOP_ROLE", "boss"), "LESSONLOOP_ROLE", "all, web, worker");
    }

    @Test
    void mediaIsProxiedByDefaultAndRedirectUrlsLastAMinute() {
        LessonloopConfig config = LessonloopConfig.from(Map.of());

        assertEquals(MediaDeliveryMode.PROXY, config.mediaDelivery().mode());
        assertEquals(Duration.ofSeconds(60), config.mediaDelivery().redirectTtl());
    }

    @Test
    void redirectedMediaDeliveryAndItsTtlAreRead() {
        LessonloopConfig config = LessonloopConfig.from(Map.of(
                "LESSONLOOP_MEDIA_DELIVERY", "redirect", "LESSONLOOP_MEDIA_REDIRECT_TTL", "30"));

        assertEquals(MediaDeliveryMode.REDIRECT, config.mediaDelivery().mode());
        assertEquals(Duration.ofSeconds(30), config.mediaDelivery().redirectTtl());
    }

    @Test
    void aMalformedMediaDeliveryFailsNamingTheChoices() {
        assertFailsNaming(Map.of("LESSONLOOP_MEDIA_DELIVERY", "cdn"), "LESSONLOOP_MEDIA_DELIVERY", "proxy, redirect");
    }

    @Test
    void aRedirectTtlOverAnHourFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_MEDIA_REDIRECT_TTL", "86400"), "LESSONLOOP_MEDIA_REDIRECT_TTL", "3600");
    }

    @Test
    void aMalformedBooleanFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_SECURE_COOKIES", "maybe"), "LESSONLOOP_SECURE_COOKIES", "true or false");
    }

    @Test
    void aMalformedDatabaseUrlFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_DB_URL", "mysql://db/lessonloop"), "LESSONLOOP_DB_URL", "PostgreSQL");
    }

    @Test
    void aMalformedS3EndpointFailsNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_S3_ENDPOINT", "minio:9000", "LESSONLOOP_S3_ACCESS_KEY", "a",
                "LESSONLOOP_S3_SECRET_KEY", "b"), "LESSONLOOP_S3_ENDPOINT", "http");
    }

    @Test
    void anS3EndpointWithoutKeysFails() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> LessonloopConfig.from(Map.of("LESSONLOOP_S3_ENDPOINT", "http://minio:9000")));

        assertTrue(e.getMessage().contains("LESSONLOOP_S3_ACCESS_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("LESSONLOOP_S3_SECRET_KEY"), e.getMessage());
    }

    @Test
    void aBootstrapAdminEmailWithoutAPasswordFails() {
        assertFailsNaming(Map.of("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL", "admin@school.test"),
                "LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD", "both");
    }

    @Test
    void everyProblemIsReportedTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> LessonloopConfig.from(Map.of(
                "LESSONLOOP_HTTP_PORT", "eighty",
                "LESSONLOOP_UPLOAD_MAX_BYTES", "lots",
                "LESSONLOOP_SECURE_COOKIES", "maybe",
                "LESSONLOOP_ROLE", "boss",
                "LESSONLOOP_S3_ENDPOINT", "http://minio:9000",
                "LESSONLOOP_TYPO", "1")));

        for (String name : new String[] {"LESSONLOOP_HTTP_PORT", "LESSONLOOP_UPLOAD_MAX_BYTES", "LESSONLOOP_SECURE_COOKIES",
                "LESSONLOOP_ROLE", "LESSONLOOP_S3_ACCESS_KEY", "LESSONLOOP_TYPO"}) {
            assertTrue(e.getMessage().contains(name), () -> name + " missing from: " + e.getMessage());
        }
        assertEquals(6, e.getMessage().lines().filter(l -> l.startsWith("  - ")).count(), e.getMessage());
    }

    @Test
    void secretsAreNotEchoedInErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> LessonloopConfig.from(Map.of(
                "LESSONLOOP_S3_SECRET_KEY", "super-secret-value",
                "LESSONLOOP_DB_PASSWORD", "another-secret-value",
                "LESSONLOOP_TYPO", "1")));

        assertFalse(e.getMessage().contains("super-secret-value"), e.getMessage());
        assertFalse(e.getMessage().contains("another-secret-value"), e.getMessage());
    }

    @Test
    void cacheBudgetsEventLoopsAndTheShutdownGraceAreRead() {
        LessonloopConfig config = LessonloopConfig.from(Map.of(
                "LESSONLOOP_CACHE_SESSIONS", "5000",
                "LESSONLOOP_CACHE_TIMELINE_BYTES", "16MiB",
                "LESSONLOOP_EVENT_LOOPS", "4",
                "LESSONLOOP_SHUTDOWN_GRACE_SECONDS", "45"));

        assertEquals(Map.of("session", 5000L, "review", 16 * MIB), config.caches().budgets());
        assertEquals(4, config.operations().eventLoops());
        assertEquals(Duration.ofSeconds(45), config.operations().shutdownGrace());
        assertTrue(LessonloopConfig.from(Map.of()).caches().budgets().isEmpty(), "unset: each cache keeps its feature's default");
    }

    @Test
    void metricsAreClosedUnlessATokenOrANetworkIsSetAndTheTokenNeverPrints() {
        assertFalse(LessonloopConfig.from(Map.of()).operations().metricsOpen());
        LessonloopConfig config = LessonloopConfig.from(Map.of("LESSONLOOP_METRICS_TOKEN", "a-long-enough-token-123",
                "LESSONLOOP_METRICS_NETWORKS", "10.0.0.0/8, 192.168.1.7", "LESSONLOOP_LOG_FORMAT", "json"));

        assertTrue(config.operations().metricsOpen());
        assertEquals(2, config.operations().metricsNetworks().size());
        assertEquals(LogFormat.JSON, config.operations().logFormat());
        assertFalse(config.toString().contains("a-long-enough-token-123"));
    }

    @Test
    void badCacheMetricsAndLogSettingsFailNamingTheVariable() {
        assertFailsNaming(Map.of("LESSONLOOP_CACHE_ACCESS", "10"), "LESSONLOOP_CACHE_ACCESS", "between 100 and");
        assertFailsNaming(Map.of("LESSONLOOP_CACHE_TIMELINE_BYTES", "1KiB"), "LESSONLOOP_CACHE_TIMELINE_BYTES", "at least 1");
        assertFailsNaming(Map.of("LESSONLOOP_METRICS_TOKEN", "short"), "LESSONLOOP_METRICS_TOKEN", "at least 16 characters");
        assertFailsNaming(Map.of("LESSONLOOP_METRICS_NETWORKS", "10.0.0.0/33"), "LESSONLOOP_METRICS_NETWORKS", "prefix length");
        assertFailsNaming(Map.of("LESSONLOOP_METRICS_NETWORKS", "prometheus.local"), "LESSONLOOP_METRICS_NETWORKS", "not an IP");
        assertFailsNaming(Map.of("LESSONLOOP_LOG_FORMAT", "xml"), "LESSONLOOP_LOG_FORMAT", "text, json");
        assertFailsNaming(Map.of("LESSONLOOP_EVENT_LOOPS", "0"), "LESSONLOOP_EVENT_LOOPS", "between 1 and 512");
    }

    @Test
    void aNetworkContainsItsAddressesOnly() {
        Cidr network = Cidr.parse("10.1.0.0/16");
        assertTrue(network.contains(address("10.1.200.3")));
        assertFalse(network.contains(address("10.2.0.1")));
        assertFalse(network.contains(address("::1")), "another address family");
        assertTrue(Cidr.parse("::1").contains(address("::1")));
    }

    private static java.net.InetAddress address(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertFailsNaming(Map<String, String> env, String variable, String hint) {
        ConfigException e = assertThrows(ConfigException.class, () -> LessonloopConfig.from(env));
        assertTrue(e.getMessage().contains(variable), () -> variable + " not named in: " + e.getMessage());
        assertTrue(e.getMessage().contains(hint), () -> "'" + hint + "' not in: " + e.getMessage());
    }
}
