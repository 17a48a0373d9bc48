package org.lessonloop.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lessonloop.cli.AdminCommand;
import org.lessonloop.database.DatabaseSettings;
import org.lessonloop.media.TestMedia;
import org.lessonloop.storage.EmbeddedS3;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.ServerProcess;
import org.lessonloop.testing.TestDatabase;
import org.lessonloop.testing.TestServer;
import org.lessonloop.testing.Tus;

/**
 * DESIGN.md §8 on loopback: two {@code web} and two {@code worker} processes of the same jar over one
 * PostgreSQL and one S3 server (which outlive them). Uploads go through both web nodes, a web node
 * is killed (SIGKILL) mid-upload and the client resumes on the other, a worker is killed
 * mid-transcode and the other finishes its job; then nothing is lost and storage holds no orphan.
 */
class ScaleOutTest {
    private static final int MIB = 1 << 20;
    private static final Duration PROCESSING = Duration.ofMinutes(3);

    @Test
    void twoWebAndTwoWorkerNodesLoseNothingWhenOneOfEachIsKilled() throws Exception {
        long started = System.nanoTime();
        Path dataDir = Files.createTempDirectory("lessonloop-scale-out");
        DatabaseSettings db = TestDatabase.fresh();
        try (EmbeddedS3 s3 = EmbeddedS3.start(dataDir); ObjectStore store = ObjectStore.connect(s3.settings());
             Nodes nodes = Nodes.start(dataDir, db, s3)) {
            System.out.printf("4 nodes up in %.1f s%n", seconds(started));
            Organization atA = Organization.at(base(nodes.webA));
            ApiClient teacherAtB = new ApiClient(base(nodes.webB)).withSessionOf(atA.teacher);
            Tus viaA = new Tus(atA.teacher);
            Tus viaB = new Tus(teacherAtB);

            // Spread: one upload's first half through A and the rest through B; another wholly through B.
            Path transcoded = TestMedia.mpeg4Mp3(40, 1280, 720);
            String longLesson = atA.recording("Needs a transcode");
            byte[] longBytes = Files.readAllBytes(transcoded);
            String url = viaA.start(longLesson, longBytes.length);
            int half = longBytes.length / 2;
            assertEquals(204, viaA.patch(url, 0, java.util.Arrays.copyOfRange(longBytes, 0, half)).status());
            assertEquals(204, viaB.patch(url, half, java.util.Arrays.copyOfRange(longBytes, half, longBytes.length)).status());
            Path quick = TestMedia.h264Aac(4, 640, 360);
            String quickLesson = atA.recording("Plays at once");
            viaB.upload(quickLesson, quick);

            // A worker dies mid-transcode: the other takes the job over once its lease runs out.
            awaitTranscoding(atA.teacher, longLesson);
            ServerProcess transcoding = nodes.workerRunning(longLesson);
            transcoding.kill();
            System.out.printf("killed the worker transcoding at %.1f s%n", seconds(started));

            // A web node dies mid-upload: the client asks the other where to go on, and does.
            Path big = TestMedia.h264Aac(30, 640, 360);
            byte[] bigBytes = Files.readAllBytes(big);
            assertTrue(bigBytes.length > 6 * MIB, "the upload spans more than one 5 MiB part: " + bigBytes.length);
            String bigLesson = atA.recording("Cut off mid-upload");
            String bigUrl = viaA.start(bigLesson, bigBytes.length);
            CountDownLatch killed = new CountDownLatch(1);
            try (ExecutorService client = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<ApiResponse> cut = client.submit(() -> atA.teacher.send("PATCH", bigUrl, patchHeaders(0),
                        HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new StallingStream(bigBytes, 6 * MIB, killed)), bigBytes.length)));
                awaitOffsetAtLeast(viaB, bigUrl, 5 * MIB);
                nodes.webA.kill();
                killed.countDown();
                System.out.printf("killed web node A mid-upload at %.1f s%n", seconds(started));
                assertTrue(failed(cut), "the cut request did not succeed");
            }
            long resumeAt = viaB.offset(bigUrl);
            assertTrue(resumeAt >= 5 * MIB && resumeAt < bigBytes.length, "resumes from the durable part: " + resumeAt);
            ApiResponse resumed = patchWhenUnlocked(viaB, bigUrl, resumeAt,
                    java.util.Arrays.copyOfRange(bigBytes, (int) resumeAt, bigBytes.length));
            assertEquals(204, resumed.status(), resumed::toString);
            System.out.printf("resumed on web node B from %d bytes at %.1f s%n", resumeAt, seconds(started));

            // Nothing lost: every recording ready, its stored source the very bytes sent, every job done once.
            Map<String, Path> sent = Map.of(longLesson, transcoded, quickLesson, quick, bigLesson, big);
            for (var lesson : sent.entrySet()) {
                JsonObject done = awaitStatus(teacherAtB, lesson.getKey(), List.of("ready", "failed"));
                assertEquals("ready", done.getString("status"), done.encode());
                assertEquals(sha256(Files.newInputStream(lesson.getValue())),
                        sha256(store.get("recordings/" + lesson.getKey() + "/source")), lesson.getKey());
            }
            System.out.printf("all ready at %.1f s%n", seconds(started));
            ApiClient adminAtB = new ApiClient(base(nodes.webB)).withSessionOf(atA.admin);
            for (String state : List.of("dead", "queued", "running")) {
                assertEquals(0, adminAtB.get("/api/jobs?state=" + state).array().size(), state + " jobs remain");
            }
            JsonObject takenOver = adminAtB.get("/api/jobs?state=succeeded").array().stream().map(JsonObject.class::cast)
                    .filter(job -> longLesson.equals(job.getString("recordingId"))).findFirst().orElseThrow();
            assertEquals(2, takenOver.getInteger("attempts"), "the killed worker's attempt, then the other's: " + takenOver.encode());

            // No object orphaned, no object missing, no multipart upload abandoned: the operator's check says so.
            StringWriter out = new StringWriter();
            int checked = AdminCommand.run(new String[] {"check-storage", "--older-than", "0s"}, nodes.env,
                    new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(out, true));
            assertEquals(0, checked, out::toString);
            assertTrue(out.toString().contains("0 orphaned, 0 abandoned multipart upload(s), 0 missing"), out::toString);
            System.out.printf("scale-out test done in %.1f s%n", seconds(started));
        }
    }

    /** The four processes; web A is killed by the test, as is one of the workers. */
    private static final class Nodes implements AutoCloseable {
        final Map<String, String> env;
        final ServerProcess webA;
        final ServerProcess webB;
        final List<ServerProcess> workers;

        private Nodes(Map<String, String> env, ServerProcess webA, ServerProcess webB, List<ServerProcess> workers) {
            this.env = env;
            this.webA = webA;
            this.webB = webB;
            this.workers = workers;
        }

        static Nodes start(Path dataDir, DatabaseSettings db, EmbeddedS3 s3) throws Exception {
            Map<String, String> env = TestServer.environment(dataDir, db, s3.settings());
            env.put("LESSONLOOP_UPLOAD_PART_BYTES", "5MiB");
            env.put("LESSONLOOP_JOB_LEASE_SECONDS", "3"); // a dead worker's job is taken over 3 s after its last heartbeat
            env.put("LESSONLOOP_WORKER_CONCURRENCY", "1");
            env.put("LESSONLOOP_MEDIA_LADDER", "360");
            // Web A migrates and creates the admin; then the three others start side by side (on two busy
            // cores, four JVMs starting at once each took over two minutes).
            ServerProcess webA = new ServerProcess(node(env, "web", dataDir.resolve("web-a"), true), "256m");
            List<Future<ServerProcess>> others = new ArrayList<>();
            try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
                others.add(starting.submit(() -> new ServerProcess(node(env, "web", dataDir.resolve("web-b"), false), "256m")));
                for (String name : List.of("worker-1", "worker-2")) {
                    others.add(starting.submit(() -> new ServerProcess(node(env, "worker", dataDir.resolve(name), false), "256m")));
                }
            }
            try {
                return new Nodes(env, webA, others.get(0).get(), List.of(others.get(1).get(), others.get(2).get()));
            } catch (java.util.concurrent.ExecutionException e) {
                // One did not start: stop those that did, or they outlive the test.
                webA.close();
                for (Future<ServerProcess> other : others) {
                    if (other.state() == Future.State.SUCCESS) {
                        other.resultNow().close();
                    }
                }
                throw e;
            }
        }

        private static Map<String, String> node(Map<String, String> env, String role, Path dataDir, boolean bootstrap) {
            Map<String, String> node = new HashMap<>(env);
            node.put("LESSONLOOP_ROLE", role);
            node.put("LESSONLOOP_DATA_DIR", dataDir.toString());
            if (!bootstrap) {
                node.remove("LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL");
                node.remove("LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD");
            }
            return node;
        }

        /** The worker whose log names the recording's plan: the one that probed it and now transcodes it. */
        ServerProcess workerRunning(String recordingId) {
            return workers.stream().filter(w -> w.log().contains("Recording " + recordingId + ":")).findFirst()
                    .orElseThrow(() -> new AssertionError("no worker logged recording " + recordingId));
        }

        @Override
        public void close() throws InterruptedException {
            for (ServerProcess node : List.of(webA, webB, workers.get(0), workers.get(1))) {
                node.close();
            }
        }
    }

    /** Hands out the first {@code before} bytes at once, then waits for the kill and breaks off. */
    private static final class StallingStream extends InputStream {
        private final byte[] bytes;
        private final int before;
        private final CountDownLatch killed;
        private int position;

        StallingStream(byte[] bytes, int before, CountDownLatch killed) {
            this.bytes = bytes;
            this.before = before;
            this.killed = killed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (position >= before) {
                try {
                    killed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the connection was cut");
            }
            int n = Math.min(length, before - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }
    }

    private static Map<String, String> patchHeaders(long offset) {
        return Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", Long.toString(offset), "Content-Type", "application/offset+octet-stream");
    }

    private static boolean failed(Future<ApiResponse> request) {
        try {
            return request.get().status() != 204;
        } catch (Exception e) {
            return true;
        }
    }

    /** The killed node's lease on the upload runs out (30 s) before another node may write it: 423 until then, as tus clients retry. */
    private static ApiResponse patchWhenUnlocked(Tus tus, String url, long offset, byte[] rest) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ApiResponse response = tus.patch(url, offset, rest);
        while (response.status() == 423 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = tus.patch(url, offset, rest);
        }
        return response;
    }

    private static void awaitOffsetAtLeast(Tus tus, String url, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (tus.offset(url) < bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first part never became durable; offset " + tus.offset(url));
            }
            Thread.sleep(50);
        }
    }

    private static void awaitTranscoding(ApiClient client, String id) throws InterruptedException {
        long deadline = System.nanoTime() + PROCESSING.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject media = client.get("/api/recordings/" + id).json().getJsonObject("media");
            if ("transcoding".equals(media.getString("step")) && media.getInteger("progress", 0) >= 10) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never reached the transcoding step: " + client.get("/api/recordings/" + id).body());
    }

    private static JsonObject awaitStatus(ApiClient client, String id, List<String> statuses) throws InterruptedException {
        long deadline = System.nanoTime() + PROCESSING.toNanos();
        JsonObject recording = client.get("/api/recordings/" + id).json();
        while (!statuses.contains(recording.getString("status")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            recording = client.get("/api/recordings/" + id).json();
        }
        return recording;
    }

    private static String sha256(InputStream in) {
        try (DigestInputStream digesting = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI base(ServerProcess web) {
        return URI.create("http://127.0.0.1:" + web.port());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
