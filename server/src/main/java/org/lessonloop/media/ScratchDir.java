package org.lessonloop.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.lessonloop.jobs.RetryableJobFailure;

/**
 * A job's own folder, holding only its own input: even a demuxer that escaped the allow-list
 * would find no other upload beside it. Emptied before use and removed after.
 */
final class ScratchDir implements AutoCloseable {
    /** The reason a job gives when its scratch disk filled up: the server's trouble, not the teacher's file. */
    static final String FULL = "The server ran out of working space while working on this video; nothing is wrong with "
            + "the file. Please retry later.";
    private static final String NO_SPACE = "No space left on device";

    private final Path path;

    private ScratchDir(Path path) {
        this.path = path;
    }

    static ScratchDir fresh(Path root, UUID jobId) {
        Path path = root.resolve(jobId.toString());
        delete(path);
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScratchDir(path);
    }

    /**
     * {@code failure} explained as a full scratch disk when that is what it was (ffmpeg's own output
     * or an I/O error says so); otherwise what {@code otherwise} makes of it.
     */
    static RuntimeException fullOr(RuntimeException failure, Supplier<RuntimeException> otherwise) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String said = cause instanceof FfmpegException ffmpeg ? ffmpeg.stderrTail() : cause.getMessage();
            if (said != null && said.contains(NO_SPACE)) {
                return new RetryableJobFailure(FULL, failure);
            }
        }
        return otherwise.get();
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        delete(path);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
