package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * Sign-in under a flood (issue 12): the probe's 128 sign-ins with made-up emails, 64 at a time,
 * made a real sign-in take 14–17 s. With production hashing (600,000 PBKDF2 iterations), from other
 * client addresses (distinct loopback addresses 127.0.0.x; the server trusts no proxy), a real person
 * must sign in within 1 s while it lasts.
 */
@RealServer(env = {"LESSONLOOP_PASSWORD_ITERATIONS=600000"})
class SignInFloodTest {
    private static final String EMAIL = "real.teacher@school.test";
    private static final String PASSWORD = "a real teacher's own passphrase";

    private static TestServer server;

    @BeforeAll
    static void start() {
        People.invitedAndActivated(server.admin(), EMAIL, "Real Teacher", "teacher", PASSWORD);
    }

    @Test
    void aRealPersonSignsInWithinASecondDuringAFloodOfMadeUpEmails() throws Exception {
        HttpClient real = client("127.0.0.1");
        List<HttpClient> floodClients = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            floodClients.add(client("127.0.0." + (2 + i)));
        }
        long quiet = timeSignIn(real, EMAIL, PASSWORD, 200);
        List<Long> during = new ArrayList<>();
        Map<Integer, Integer> floodStatuses = new TreeMap<>();
        long floodStart = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore sixtyFourAtATime = new Semaphore(64);
            List<Future<Integer>> flood = new ArrayList<>();
            for (int i = 0; i < 128; i++) {
                int n = i;
                sixtyFourAtATime.acquire();
                flood.add(pool.submit(() -> {
                    try {
                        // 64 addresses, two sign-ins each: per-address limits alone cannot stop this.
                        return status(floodClients.get(n % 64), "made.up." + n + "@nowhere.test", "guess-" + n + "-long-enough");
                    } finally {
                        sixtyFourAtATime.release();
                    }
                }));
                if (n % 16 == 15) {
                    during.add(timeSignIn(real, EMAIL, PASSWORD, 200));
                }
            }
            for (Future<Integer> f : flood) {
                floodStatuses.merge(f.get(), 1, Integer::sum);
            }
        }
        long floodMillis = (System.nanoTime() - floodStart) / 1_000_000;
        System.out.printf("Sign-in flood: quiet sign-in %d ms; during 128 made-up sign-ins (64 at a time, %d ms in all): %s ms;"
                + " flood answers %s%n", quiet, floodMillis, during, floodStatuses);

        assertEquals(Map.of(401, 128), floodStatuses, "every made-up email gets the same 401");
        // Within 1 s on a quiet machine (a sign-in is ~0.3 s of hashing there). On a loaded one the quiet
        // sign-in alone can take longer, so what is held is that the flood adds less than a second.
        long median = during.stream().sorted().toList().get(during.size() / 2);
        assertTrue(median < Math.max(1000, quiet + 1000), "a real sign-in took " + median + " ms (median) during the flood: " + during
                + ", " + quiet + " ms without it");
    }

    @Test
    void moreThanFourSignInsAtOnceFromOneAddressAreRefusedAtOnce() throws Exception {
        HttpClient one = client("127.0.1.7");
        List<Future<long[]>> attempts = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                int n = i;
                attempts.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    int status = status(one, "someone." + n + "@nowhere.test", "guess-" + n + "-long-enough");
                    return new long[] {status, (System.nanoTime() - start) / 1_000_000};
                }));
            }
            List<Long> refused = new ArrayList<>();
            List<Long> answered = new ArrayList<>();
            for (Future<long[]> attempt : attempts) {
                long[] result = attempt.get();
                assertTrue(result[0] == 429 || result[0] == 401, "status " + result[0]);
                (result[0] == 429 ? refused : answered).add(result[1]);
            }
            System.out.printf("Twelve at once from one address: refused in %s ms, answered in %s ms%n", refused, answered);
            assertTrue(refused.size() >= 12 - 2 * SignIn.IN_FLIGHT_PER_CLIENT, refused.size() + " of 12 refused");
            // A refusal comes at once: before any answer that had to wait for a password check's time.
            assertTrue(java.util.Collections.max(refused) < java.util.Collections.min(answered), refused + " vs " + answered);
        }
    }

    @Test
    void aFullHashingQueueAnswersAtOnceInsteadOfQueueing() throws Exception {
        List<Future<long[]>> attempts = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                HttpClient from = client("127.0.2." + (1 + i));
                attempts.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    int status = status(from, EMAIL, "a wrong guess at the passphrase");
                    return new long[] {status, (System.nanoTime() - start) / 1_000_000};
                }));
            }
            List<Long> refused = new ArrayList<>();
            List<Long> checked = new ArrayList<>();
            for (Future<long[]> attempt : attempts) {
                long[] result = attempt.get();
                assertTrue(result[0] == 429 || result[0] == 401, "status " + result[0]);
                (result[0] == 429 ? refused : checked).add(result[1]);
            }
            System.out.printf("Sixteen wrong passwords at once: %d refused in %s ms, %d checked in %s ms%n",
                    refused.size(), refused, checked.size(), checked);
            // One hash per core runs and as many wait; the rest are told at once, not queued.
            assertTrue(refused.size() >= 16 - 2 * 2 * Runtime.getRuntime().availableProcessors(), refused.size() + " refused");
            assertTrue(java.util.Collections.max(refused) < java.util.Collections.max(checked), refused + " vs " + checked);
        }
    }

    private static HttpClient client(String localAddress) throws Exception {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static long timeSignIn(HttpClient client, String email, String password, int expected) throws Exception {
        long start = System.nanoTime();
        assertEquals(expected, status(client, email, password));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static int status(HttpClient client, String email, String password) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/session"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
