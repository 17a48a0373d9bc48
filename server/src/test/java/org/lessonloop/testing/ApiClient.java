package org.lessonloop.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A browser-like API client: keeps its session cookie and echoes the CSRF token on every
 * state-changing request, as the web app does.
 */
public final class ApiClient {
    private final URI base;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private String csrfToken;

    public ApiClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public URI base() {
        return base;
    }

    public ApiClient signIn(String email, String password) {
        ApiResponse response = postJson("/api/session", new JsonObject().put("email", email).put("password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("Sign-in failed for " + email + ": " + response);
        }
        csrfToken = response.json().getString("csrfToken");
        return this;
    }

    /** Signed in by a response that set the session cookie (accepting an invitation): keeps its CSRF token. */
    public ApiClient signedInAs(ApiResponse signedIn) {
        csrfToken = signedIn.json().getString("csrfToken");
        return this;
    }

    /** The Cookie header this client sends, for tests that speak raw HTTP over a socket. */
    public String cookieHeader() {
        return String.join("; ", cookies.getCookieStore().getCookies().stream().map(Object::toString).toList());
    }

    /** Takes another client's session: the same browser reaching another node behind a load balancer. */
    public ApiClient withSessionOf(ApiClient other) {
        other.cookies.getCookieStore().getCookies().forEach(cookie -> cookies.getCookieStore().add(base, cookie));
        csrfToken = other.csrfToken;
        return this;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** Forget the CSRF token, as a forged cross-site request would. */
    public ApiClient withoutCsrf() {
        csrfToken = null;
        return this;
    }

    public ApiResponse get(String path) {
        return send(request(path).GET());
    }

    public ApiResponse delete(String path) {
        return send(request(path).DELETE());
    }

    public ApiResponse postJson(String path, JsonObject body) {
        return sendRaw("POST", path, "application/json", body.encode());
    }

    public ApiResponse patchJson(String path, JsonObject body) {
        return sendRaw("PATCH", path, "application/json", body.encode());
    }

    public ApiResponse sendRaw(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /** Any request, with extra headers (tus) and a raw body. */
    public ApiResponse send(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    public ApiResponse send(String method, String path, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder builder = request(path).method(method, body);
        headers.forEach(builder::header);
        return send(builder);
    }

    /** GET of a binary body (a video), kept byte for byte. */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10));
        if (csrfToken != null) {
            builder.header("X-CSRF-Token", csrfToken);
        }
        return builder;
    }

    private ApiResponse send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
