package org.lessonloop.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;

/** A minimal tus 1.0.0 client over ApiClient, for protocol tests. */
final class Tus {
    private final ApiClient client;

    Tus(ApiClient client) {
        this.client = client;
    }

    static String metadata(String recordingId, String filename) {
        return "recordingId " + b64(recordingId) + ",filename " + b64(filename);
    }

    static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    ApiResponse create(long length, String metadata) {
        return client.send("POST", "/api/uploads", Map.of(
                "Tus-Resumable", "1.0.0",
                "Upload-Length", Long.toString(length),
                "Upload-Metadata", metadata), (byte[]) null);
    }

    /** Creates an upload for the recording and returns its URL path. */
    String start(String recordingId, long length) {
        ApiResponse created = create(length, metadata(recordingId, "lesson.mp4"));
        if (created.status() != 201) {
            throw new IllegalStateException("tus creation failed: " + created);
        }
        return created.header("Location");
    }

    ApiResponse patch(String url, long offset, byte[] body) {
        return patch(url, offset, body, Map.of());
    }

    ApiResponse patch(String url, long offset, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(Map.of(
                "Tus-Resumable", "1.0.0",
                "Upload-Offset", Long.toString(offset),
                "Content-Type", "application/offset+octet-stream"));
        headers.putAll(extraHeaders);
        return client.send("PATCH", url, headers, body);
    }

    ApiResponse head(String url) {
        return client.send("HEAD", url, Map.of("Tus-Resumable", "1.0.0"), (byte[]) null);
    }

    long offset(String url) {
        ApiResponse head = head(url);
        if (head.status() != 200) {
            throw new IllegalStateException("HEAD failed: " + head.status());
        }
        return Long.parseLong(head.header("Upload-Offset"));
    }

    ApiResponse terminate(String url) {
        return client.send("DELETE", url, Map.of("Tus-Resumable", "1.0.0"), (byte[]) null);
    }
}
