package org.lessonloop.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.lessonloop.recordings.Recording;
import org.lessonloop.storage.ObjectStore;

/**
 * Copies what ffmpeg wrote in a job's scratch folder to the recording's media prefix. Playlists go
 * last, so a playlist in storage never names a segment that is not there yet.
 */
final class MediaOutputs {
    private final ObjectStore store;

    MediaOutputs(ObjectStore store) {
        this.store = store;
    }

    /** Uploads the given files (relative to {@code dir}), media first, playlists last. */
    void publish(UUID recordingId, Path dir, List<Path> files) {
        files.stream()
                .sorted(Comparator.comparing((Path f) -> f.toString().endsWith(".m3u8")).thenComparing(Path::toString))
                .forEach(file -> store.put(Recording.mediaPrefix(recordingId) + slashed(file), dir.resolve(file),
                        contentType(file.getFileName().toString())));
    }

    void publish(UUID recordingId, Path dir, String name, String contentType) {
        store.put(Recording.mediaPrefix(recordingId) + name, dir.resolve(name), contentType);
    }

    /** Removes every processed output of a recording (a retried job starts clean: no orphans). */
    void clear(UUID recordingId) {
        store.removePrefix(Recording.mediaPrefix(recordingId));
    }

    /** The files under {@code dir/folder} (a variant's playlist and segments), relative to {@code dir}. */
    static List<Path> filesUnder(Path dir, String folder) {
        Path root = dir.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(dir::relativize).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "m3u8" -> "application/vnd.apple.mpegurl";
            case "m4s" -> "video/iso.segment";
            case "mp4" -> "video/mp4";
            case "jpg" -> "image/jpeg";
            case "vtt" -> "text/vtt";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }
}
