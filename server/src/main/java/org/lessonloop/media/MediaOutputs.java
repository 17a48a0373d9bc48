package org.lessonloop.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lessonloop.jobs.RetryableJobFailure;
import org.lessonloop.media.delivery.MediaType;
import org.lessonloop.recordings.Recording;
import org.lessonloop.storage.ObjectStore;

/**
 * Copies what ffmpeg wrote in a job's scratch folder to the recording's media prefix. Playlists go
 * last, so a playlist in storage never names a segment that is not there yet.
 */
final class MediaOutputs {
    /**
     * Puts in flight at once. One put at a time left a core idle while the next file was read and
     * hashed, and waited out every round trip: 1 GiB of segments took 17 s on a busy 2-core machine (bench/media).
     */
    private static final int PARALLEL_PUTS = 4;

    private final ObjectStore store;

    MediaOutputs(ObjectStore store) {
        this.store = store;
    }

    /** Uploads the given files (relative to {@code dir}), media first, playlists once all media is there. */
    void publish(UUID recordingId, Path dir, List<Path> files) {
        var byPlaylist = files.stream().collect(Collectors.partitioningBy((Path f) -> f.toString().endsWith(".m3u8")));
        putAll(recordingId, dir, byPlaylist.get(false));
        putAll(recordingId, dir, byPlaylist.get(true));
    }

    private void putAll(UUID recordingId, Path dir, List<Path> files) {
        try (ExecutorService puts = Executors.newFixedThreadPool(PARALLEL_PUTS, Thread.ofVirtual().factory())) {
            List<Future<?>> sent = files.stream().sorted()
                    .<Future<?>>map(file -> puts.submit(() -> store.put(Recording.mediaPrefix(recordingId) + slashed(file),
                            dir.resolve(file), contentType(file.getFileName().toString()))))
                    .toList();
            try {
                for (Future<?> put : sent) {
                    put.get();
                }
            } catch (ExecutionException e) {
                puts.shutdownNow(); // the job fails: the files still queued need not go
                throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                puts.shutdownNow();
                Thread.currentThread().interrupt();
                throw new RetryableJobFailure("Storing the processed video was interrupted; it will continue on another attempt.", e);
            }
        }
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

    private static String contentType(String name) {
        return MediaType.ofFileName(name).map(MediaType::contentType).orElse("application/octet-stream");
    }
}
