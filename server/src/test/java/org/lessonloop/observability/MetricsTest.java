package org.lessonloop.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.observability.Scrape.with;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.media.TestMedia;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Eventually;
import org.lessonloop.testing.LiveClient;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/** /metrics scraped before and after real traffic on a real server: the series move, and only by route template. */
class MetricsTest {
    private static TestServer server;
    private static Organization org;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LESSONLOOP_METRICS_TOKEN", Scrape.TOKEN));
        org = Organization.in(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void metricsNeedTheToken() {
        assertEquals(401, org.anonymous.get("/metrics").status());
        assertEquals(401, org.anonymous.send("GET", "/metrics", Map.of("Authorization", "Bearer " + Scrape.TOKEN + "x"), (byte[]) null).status());
        assertEquals(200, org.anonymous.send("GET", "/metrics", Map.of("Authorization", "Bearer " + Scrape.TOKEN), (byte[]) null).status());
    }

    @Test
    void metricsAreOffWhenNeitherATokenNorANetworkIsSet() {
        try (TestServer closed = TestServer.start()) {
            assertEquals(404, closed.anonymous().get("/metrics").status());
        }
    }

    @Test
    void metricsAreRefusedOutsideTheConfiguredNetworks() {
        try (TestServer fenced = TestServer.start(Map.of("LESSONLOOP_METRICS_NETWORKS", "10.0.0.0/8"))) {
            assertEquals(403, fenced.anonymous().get("/metrics").status());
        }
        try (TestServer loopback = TestServer.start(Map.of("LESSONLOOP_METRICS_NETWORKS", "127.0.0.0/8, ::1"))) {
            assertEquals(200, loopback.anonymous().get("/metrics").status());
        }
    }

    @Test
    void requestLatencyIsCountedByRouteTemplateNeverByRecordingId() {
        String id = org.recording("Route template check");
        Scrape before = Scrape.of(org.anonymous);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, org.teacher.get("/api/recordings/" + id).status());
        }
        Scrape after = Scrape.of(org.anonymous);

        String metric = "vertx_http_server_response_time_seconds_count";
        var route = with("route=\"/api/>/recordings/:recordingId\"", "method=\"GET\"", "code=\"200\"");
        assertEquals(5, after.sum(metric, route) - before.sum(metric, route), () -> routes(after));
        assertTrue(after.sum("vertx_http_server_response_time_seconds_bucket", route) > 0, "latency buckets for percentiles");
        assertFalse(after.series().keySet().stream().anyMatch(series -> series.contains(id)), "a series named the recording");
    }

    @Test
    void uploadBytesCacheReadsAndThePoolShow() throws Exception {
        Scrape before = Scrape.of(org.anonymous);
        String id = org.recording("Upload bytes");
        new Tus(org.teacher).upload(id, TestMedia.text("notes.txt", "x".repeat(300_000)));
        org.teacher.get("/api/me");
        org.teacher.get("/api/me");
        Scrape after = Scrape.of(org.anonymous);

        assertTrue(after.sum("lessonloop_upload_received_bytes_total") - before.sum("lessonloop_upload_received_bytes_total") >= 300_000);
        assertEquals(0, after.sum("lessonloop_uploads_active"));
        var sessionHits = with("cache=\"session\"", "result=\"hit\"");
        assertTrue(after.sum("lessonloop_cache_requests_total", sessionHits) > before.sum("lessonloop_cache_requests_total", sessionHits));
        assertEquals(16, after.sum("hikaricp_connections_max", with("pool=\"lessonloop\"")));
        assertEquals(1, after.sum("lessonloop_changes_listening"));
    }

    @Test
    void aTranscodeIsTimedAndTheQueueByKindShows() throws Exception {
        String id = org.recording("Timed transcode");
        new Tus(org.teacher).upload(id, TestMedia.h264Aac(2, 320, 240));
        var succeeded = with("kind=\"media.process\"", "outcome=\"succeeded\"");
        Scrape after = awaitAttempt(succeeded);
        assertTrue(after.sum("lessonloop_job_attempts_seconds_sum", succeeded) > 0);
        assertTrue(after.series().containsKey("lessonloop_jobs_queued{kind=\"media.process\"}"), () -> String.join("\n", after.series().keySet()));
        JsonObject ready = org.anonymous.get("/health/ready").json();
        assertEquals("up", ready.getJsonObject("checks").getString("ffmpeg"), ready.encode());
        assertEquals(new JsonObject(), ready.getJsonObject("checks").getJsonObject("queue"), "the queue is empty again: " + ready.encode());
    }

    @Test
    void anOpenLiveSocketIsCounted() {
        double before = Scrape.of(org.anonymous).sum("vertx_http_server_active_ws_connections");
        try (LiveClient socket = LiveClient.open(org.teacher)) {
            assertEquals(before + 1, Scrape.of(org.anonymous).sum("vertx_http_server_active_ws_connections"));
        }
        assertEquals(before, Eventually.until(() -> Scrape.of(org.anonymous).sum("vertx_http_server_active_ws_connections"),
                open -> open == before));
    }

    private static Scrape awaitAttempt(java.util.function.Predicate<String> labels) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Scrape scrape = Scrape.of(org.anonymous);
        while (scrape.sum("lessonloop_job_attempts_seconds_count", labels) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            scrape = Scrape.of(org.anonymous);
        }
        assertTrue(scrape.sum("lessonloop_job_attempts_seconds_count", labels) > 0, "the transcode never showed");
        return scrape;
    }

    private static String routes(Scrape scrape) {
        return String.join("\n", scrape.series().keySet().stream().filter(s -> s.startsWith("vertx_http_server_response_time_seconds_count")).toList());
    }
}
