package org.lessonloop.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.http.ProblemAssert.assertProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * What an outside probe sent the server: malformed paths and headers, ambiguous JSON, slow and
 * silent connections. Each ends in a clear 4xx problem or a closed connection, never a 500; and
 * every answer carries the security headers. The server runs as behind HTTPS (secure cookies).
 */
@RealServer(env = {"LESSONLOOP_SECURE_COOKIES=true", "LESSONLOOP_HTTP_HEADER_SECONDS=" + HostileRequestsTest.HEADER_SECONDS,
        "LESSONLOOP_HTTP_IDLE_SECONDS=" + HostileRequestsTest.IDLE_SECONDS})
class HostileRequestsTest {
    static final int HEADER_SECONDS = 2;
    static final int IDLE_SECONDS = 30;

    private static TestServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void start() {
        anonymous = server.anonymous();
    }

    @Test
    void aPathWithBadPercentEncodingIs400ProblemJson() throws IOException {
        String answer = exchange("GET /api/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
    }

    @Test
    void anEmptyOrUnknownMethodOverrideIs400ProblemJson() {
        for (String override : new String[] {"", "  ", "PUT", "G E T"}) {
            ApiResponse response = anonymous.send("POST", "/api/uploads/" + UUID.randomUUID(),
                    Map.of("Tus-Resumable", "1.0.0", "X-HTTP-Method-Override", override), (byte[]) null);
            assertProblem(response, 400, "X-HTTP-Method-Override");
            assertEquals("1.0.0", response.header("Tus-Resumable"));
        }
    }

    @Test
    void jsonNamingAFieldTwiceIsRefused() {
        ApiResponse response = anonymous.sendRaw("POST", "/api/session", "application/json",
                "{\"email\": \"admin@school.test\", \"password\": \"wrong\", \"password\": \"" + TestServer.ADMIN_PASSWORD + "\"}");

        assertProblem(response, 400, "names a field twice ('password')");
    }

    @Test
    void onlyApplicationJsonIsTakenAsJson() {
        String body = "{\"email\": \"nobody@school.test\", \"password\": \"not-the-password\"}";
        for (String type : new String[] {"application/jsonp", "application/json-patch+json", "application/json; charset=latin1",
                "application/json-seq", "text/json"}) {
            assertProblem(anonymous.sendRaw("POST", "/api/session", type, body), 415, "application/json");
        }
        for (String type : new String[] {"application/json", "Application/JSON; charset=UTF-8", "application/json;charset=\"utf-8\""}) {
            assertProblem(anonymous.sendRaw("POST", "/api/session", type, body), 401);
        }
    }

    @Test
    void everyAnswerForbidsFramingAndSniffingAndApiAnswersRunNothing() {
        for (String path : new String[] {"/api/me", "/api/no-such-thing", "/health/live", "/api/recordings/" + UUID.randomUUID() + "/media/master.m3u8"}) {
            ApiResponse response = anonymous.get(path);
            assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
            assertEquals("DENY", response.header("X-Frame-Options"), path);
            String policy = response.header("Content-Security-Policy");
            assertTrue(policy != null && policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"), path + ": " + policy);
        }
        String appPolicy = anonymous.get("/recordings/some-lesson").header("Content-Security-Policy");
        assertTrue(appPolicy.contains("script-src 'self'") && appPolicy.contains("frame-ancestors 'none'"), appPolicy);
    }

    @Test
    void mediaAndEveryApiAnswerSendNoReferrer() {
        ApiResponse media = anonymous.get("/api/recordings/" + UUID.randomUUID() + "/media/v720/seg_00001.m4s");

        assertEquals("no-referrer", media.header("Referrer-Policy"));
        assertEquals("no-referrer", anonymous.get("/api/me").header("Referrer-Policy"));
    }

    @Test
    void withSecureCookiesBrowsersAreToldToKeepToHttps() {
        for (String path : new String[] {"/api/me", "/recordings/some-lesson", "/health/live"}) {
            assertEquals("max-age=31536000", anonymous.get(path).header("Strict-Transport-Security"), path);
        }
    }

    @Test
    void aConnectionTricklingItsHeadersIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.base().getPort())) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            while (!closed && Duration.ofNanos(System.nanoTime() - start).toSeconds() < 4 * HEADER_SECONDS) {
                try {
                    out.write("X-Slow: a\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    closed = socket.getInputStream().read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // one header line a second, forever
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertTrue(closed, "a connection still sending header lines after " + 4 * HEADER_SECONDS + " s is open");
        }
    }

    @Test
    void aConnectionBetweenRequestsIsClosedAfterTheHeaderTimeoutAndOneMidRequestOnlyWhenSilent() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.base().getPort())) {
            String answer = request(socket, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertClosedWithin(socket, Duration.ofSeconds(3L * HEADER_SECONDS));
        }
        try (Socket socket = new Socket("127.0.0.1", server.base().getPort())) {
            // The headers are in, the body stops: only the idle timeout ends this one, not the header timeout.
            socket.getOutputStream().write(("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertClosedWithin(socket, Duration.ofSeconds(IDLE_SECONDS + 10));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds >= IDLE_SECONDS - 2, "a request in progress was closed after " + seconds + " s, before going silent for long");
        }
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.base().getPort())) {
            return request(socket, request);
        }
    }

    /** Sends the request and reads what arrives within a moment (an answer is a few hundred bytes). */
    private static String request(Socket socket, String request) throws IOException {
        socket.setSoTimeout(3_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        byte[] buffer = new byte[8192];
        int read = socket.getInputStream().read(buffer);
        return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.US_ASCII);
    }

    private static void assertClosedWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout(Math.toIntExact(limit.toMillis()));
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain whatever is left of an answer
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after " + limit.toSeconds() + " s");
        } catch (IOException reset) {
            // closed
        }
    }
}
