package org.lessonloop.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.lessonloop.recordings.Recording;
import org.lessonloop.storage.ObjectStore;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;

/** Reads what the pipeline stored for a recording and checks it the way a player would need it. */
public final class ProcessedMedia {
    private final ObjectStore store;
    private final String recordingId;

    public ProcessedMedia(ObjectStore store, String recordingId) {
        this.store = store;
        this.recordingId = recordingId;
    }

    /** Polls the recording until its status is one of {@code statuses}; fails after {@code timeout}. */
    public static JsonObject awaitStatus(ApiClient client, String recordingId, Set<String> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ApiResponse got = client.get("/api/recordings/" + recordingId);
            JsonObject recording = got.json();
            if (statuses.contains(recording.getString("status"))) {
                return recording;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Recording still " + recording.encode() + " after " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    String text(String name) {
        try (InputStream in = store.get(key(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String name) {
        return store.stat(key(name)).isPresent();
    }

    /** The variant playlists the master lists, e.g. {@code v360/index.m3u8}. */
    List<String> variants() {
        return HlsPlaylist.parse(text(FfmpegCommands.MASTER)).uris();
    }

    /**
     * Every variant is a valid VOD playlist whose init section and segments all exist, and whose
     * durations add up to the recording's length.
     */
    public void assertPlayable(long expectedMs) {
        List<String> variants = variants();
        assertFalse(variants.isEmpty());
        for (String variant : variants) {
            String folder = variant.substring(0, variant.indexOf('/') + 1);
            String text = text(variant);
            assertTrue(text.contains("#EXT-X-PLAYLIST-TYPE:VOD") && text.contains("#EXT-X-ENDLIST"), variant + ":\n" + text);
            HlsPlaylist playlist = HlsPlaylist.parse(text);
            for (String uri : playlist.uris()) {
                assertTrue(exists(folder + uri), "missing " + folder + uri);
            }
            assertEquals(expectedMs / 1000.0, playlist.totalSeconds(), 0.6, variant + " duration");
        }
    }

    /** A variant's init section and segments joined into one fragmented MP4 file, to probe what was encoded. */
    Path joined(String variant, Path into) {
        String folder = variant.substring(0, variant.indexOf('/') + 1);
        try (OutputStream out = Files.newOutputStream(into)) {
            for (String uri : HlsPlaylist.parse(text(variant)).uris()) {
                try (InputStream in = store.get(key(folder + uri))) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    /** Every object stored under the media prefix. */
    List<String> allMediaObjects() {
        return store.list(Recording.mediaPrefix(java.util.UUID.fromString(recordingId)));
    }

    private String key(String name) {
        return Recording.mediaPrefix(java.util.UUID.fromString(recordingId)) + name;
    }
}
