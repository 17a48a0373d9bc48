package org.lessonloop.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A minimal tus 1.0.0 client over ApiClient, for protocol tests and for uploading test media. */
public final class Tus {
    private final ApiClient client;

    public Tus(ApiClient client) {
        this.client = client;
    }

    public static String metadata(String recordingId, String filename) {
        return "recordingId " + b64(recordingId) + ",filename " + b64(filename);
    }

    public static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public ApiResponse create(long length, String metadata) {
        return client.send("POST", "/api/uploads", Map.of(
                "Tus-Resumable", "1.0.0",
                "Upload-Length", Long.toString(length),
                "Upload-Metadata", metadata), (byte[]) null);
    }

    /** Creates an upload for the recording and returns its URL path. */
    public String start(String recordingId, long length) {
        ApiResponse created = create(length, metadata(recordingId, "lesson.mp4"));
        if (created.status() != 201) {
            throw new IllegalStateException("tus creation failed: " + created);
        }
        return created.header("Location");
    }

    public ApiResponse patch(String url, long offset, byte[] body) {
        return patch(url, offset, body, Map.of());
    }

    public ApiResponse patch(String url, long offset, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(Map.of(
                "Tus-Resumable", "1.0.0",
                "Upload-Offset", Long.toString(offset),
                "Content-Type", "application/offset+octet-stream"));
        headers.putAll(extraHeaders);
        return client.send("PATCH", url, headers, body);
    }

    public ApiResponse head(String url) {
        return client.send("HEAD", url, Map.of("Tus-Resumable", "1.0.0"), (byte[]) null);
    }

    public long offset(String url) {
        ApiResponse head = head(url);
        if (head.status() != 200) {
            throw new IllegalStateException("HEAD failed: " + head.status());
        }
        return Long.parseLong(head.header("Upload-Offset"));
    }

    public ApiResponse terminate(String url) {
        return client.send("DELETE", url, Map.of("Tus-Resumable", "1.0.0"), (byte[]) null);
    }

    /** Uploads a whole file in one PATCH as the recording's source; the recording then starts processing. */
    public void upload(String recordingId, java.nio.file.Path file) {
        try {
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            ApiResponse created = create(bytes.length, metadata(recordingId, file.getFileName().toString()));
            if (created.status() != 201) {
                throw new IllegalStateException("tus creation failed: " + created);
            }
            ApiResponse patched = patch(created.header("Location"), 0, bytes);
            if (patched.status() != 204) {
                throw new IllegalStateException("tus upload failed: " + patched);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
