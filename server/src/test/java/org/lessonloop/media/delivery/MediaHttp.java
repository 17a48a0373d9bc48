package org.lessonloop.media.delivery;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lessonloop.testing.ApiClient;

/**
 * Media requests as a player makes them: the signed-in client's session cookie, binary bodies,
 * redirects not followed. {@link #raw} sends a request target byte for byte, with no client-side
 * normalisation of dot segments or escapes, for path traversal tests.
 */
final class MediaHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private MediaHttp() {
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return new JsonObject(text());
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length > 300 ? body.length + " bytes" : text());
        }
    }

    /** A request by {@code who} with extra headers given as name, value, name, value… */
    static Reply send(ApiClient who, String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(who.base() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!who.cookieHeader().isEmpty()) {
            request.header("Cookie", who.cookieHeader());
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    static Reply get(ApiClient who, String path, String... headers) {
        return send(who, "GET", path, headers);
    }

    /** A plain GET of an absolute URL, with no session: what a player does after a redirect to storage. */
    static Reply getUrl(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static Reply send(HttpRequest.Builder request) {
        request.timeout(Duration.ofMinutes(2));
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), flatten(response.headers()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with exactly this request target on the wire; reads until the server closes. */
    static Reply raw(ApiClient who, String target) {
        try (Socket socket = new Socket(who.base().getHost(), who.base().getPort())) {
            socket.setSoTimeout(30_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: " + who.base().getAuthority()
                    + "\r\nCookie: " + who.cookieHeader() + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a response head (status line and headers) from a socket stream; the body is left unread. */
    static Reply readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        List<String> lines = head.toString(StandardCharsets.US_ASCII).lines().toList();
        Map<String, String> headers = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return new Reply(Integer.parseInt(lines.getFirst().split(" ")[1]), headers, new byte[0]);
    }

    private static Reply parse(InputStream in) throws IOException {
        Reply head = readHead(in);
        return new Reply(head.status(), head.headers(), in.readAllBytes());
    }

    private static Map<String, String> flatten(HttpHeaders headers) {
        Map<String, String> flat = new HashMap<>();
        headers.map().forEach((name, values) -> flat.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return flat;
    }
}
