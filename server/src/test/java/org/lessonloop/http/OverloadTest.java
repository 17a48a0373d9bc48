package org.lessonloop.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lessonloop.recordings.Recording;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * A node past its bound on blocking work refuses fast (503, Retry-After, a problem body) instead of
 * queueing without end, while an upload and a video already under way carry on to their last byte.
 */
// Two connections, two tasks at once and two waiting: 40 eager clients are far past that.
@RealServer(env = {"LESSONLOOP_DB_POOL_SIZE=2", "LESSONLOOP_BLOCKING_QUEUE=2"})
class OverloadTest {
    private static final int MIB = 1024 * 1024;
    private static TestServer server;
    private static Organization org;

    @Test
    void pastItsBoundTheServerAnswers503FastWhileAnUploadAndAVideoUnderWayFinish(@TempDir Path dir) throws Exception {
        String recordingId = org.recording("Busy day");
        byte[] segment = randomBytes(24 * MIB, 1);
        Path segmentFile = Files.write(dir.resolve("seg"), segment);
        server.store().put(Recording.mediaPrefix(java.util.UUID.fromString(recordingId)) + "v360/seg_00000.m4s", segmentFile,
                "video/iso.segment");
        byte[] source = randomBytes(12 * MIB, 2);

        // Both under way before the flood: the video has sent its headers, the upload its first half.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> video = http.send(HttpRequest.newBuilder(
                        server.base().resolve("/api/recordings/" + recordingId + "/media/v360/seg_00000.m4s"))
                .header("Cookie", org.teacher.cookieHeader()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, video.statusCode());
        byte[] played = new byte[segment.length];
        int playedSoFar = video.body().readNBytes(played, 0, MIB);

        String upload = new Tus(org.teacher).start(recordingId, source.length);
        PipedOutputStream uploadBody = new PipedOutputStream();
        PipedInputStream uploadFeed = new PipedInputStream(uploadBody, MIB);
        CompletableFuture<ApiResponse> uploaded = CompletableFuture.supplyAsync(() -> org.teacher.send("PATCH", upload,
                Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", "0", "Content-Type", "application/offset+octet-stream"),
                HttpRequest.BodyPublishers.ofInputStream(() -> uploadFeed)));
        uploadBody.write(source, 0, source.length / 2);

        Flood flood = Flood.start(org, 40);
        Thread.sleep(500);
        uploadBody.write(source, source.length / 2, source.length - source.length / 2);
        uploadBody.close();
        ApiResponse uploadDone = uploaded.get();
        playedSoFar += video.body().readNBytes(played, playedSoFar, played.length - playedSoFar);
        boolean finishedDuringTheFlood = flood.running();
        flood.stop();

        assertEquals(204, uploadDone.status(), uploadDone.toString());
        assertEquals(Long.toString(source.length), uploadDone.header("Upload-Offset"));
        assertEquals(segment.length, playedSoFar);
        assertArrayEquals(segment, played, "the video arrived whole");
        assertTrue(finishedDuringTheFlood, "the upload and the video were meant to finish while the flood went on");

        assertTrue(flood.refused.get() > 0, "no request was refused: " + flood);
        assertTrue(flood.served.get() > 0, "no request was served: " + flood);
        ApiResponse refusal = flood.firstRefusal();
        assertEquals("1", refusal.header("Retry-After"));
        assertEquals("application/problem+json", refusal.contentType());
        assertEquals(503, refusal.json().getInteger("status"));
        assertEquals("Server busy", refusal.json().getString("title"));
        // The median, not the slowest: on two shared cores a client thread may wait its turn on the CPU itself.
        assertTrue(flood.medianRefusalMillis() < 250, "refusals took " + flood.medianRefusalMillis() + " ms (median): " + flood);
        assertTrue(flood.others.isEmpty(), "other answers: " + flood.others);
        System.out.println("OverloadTest: " + flood);

        assertEquals(200, org.teacher.get("/api/recordings").status(), "once the flood is over, requests are served");
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Clients listing recordings as fast as they are answered, each on its own connection. */
    private static final class Flood {
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final ConcurrentLinkedQueue<ApiResponse> refusals = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> others = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> refusalMillis = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final List<Thread> clients = new ArrayList<>();

        static Flood start(Organization org, int clients) {
            Flood flood = new Flood();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // bounded, whatever happens
            HttpRequest list = HttpRequest.newBuilder(org.teacher.base().resolve("/api/recordings"))
                    .header("Cookie", org.teacher.cookieHeader()).timeout(Duration.ofSeconds(30)).GET().build();
            for (int i = 0; i < clients; i++) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                flood.clients.add(Thread.ofVirtual().start(() -> {
                    while (!flood.stopping.get() && System.nanoTime() < deadline) {
                        long started = System.nanoTime();
                        ApiResponse answer;
                        try {
                            HttpResponse<String> response = client.send(list, HttpResponse.BodyHandlers.ofString());
                            answer = new ApiResponse(response.statusCode(), response.headers(), response.body());
                        } catch (java.io.IOException | InterruptedException e) {
                            flood.others.add(e.toString());
                            return;
                        }
                        if (answer.status() == 200) {
                            flood.served.incrementAndGet();
                        } else if (answer.status() == 503) {
                            flood.refusalMillis.add((System.nanoTime() - started) / 1_000_000);
                            if (flood.refused.incrementAndGet() == 1) {
                                flood.refusals.add(answer);
                            }
                        } else {
                            flood.others.add(answer.toString());
                        }
                    }
                }));
            }
            return flood;
        }

        boolean running() {
            return !stopping.get() && clients.stream().anyMatch(Thread::isAlive);
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            for (Thread client : clients) {
                client.join();
            }
        }

        ApiResponse firstRefusal() {
            return refusals.peek();
        }

        long medianRefusalMillis() {
            long[] sorted = refusalMillis.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        }

        @Override
        public String toString() {
            return served + " served, " + refused + " refused (median " + medianRefusalMillis() + " ms), " + others.size() + " other";
        }
    }
}
