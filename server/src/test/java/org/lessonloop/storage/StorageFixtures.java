package org.lessonloop.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Generated media-sized content, written and hashed as streams so tests stay light on memory. */
final class StorageFixtures {

    static final long MIB = 1L << 20;

    private StorageFixtures() {
    }

    /** A file of {@code size} pseudo-random bytes; the same seed gives the same bytes. */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            randomStream(size, seed).transferTo(out);
        }
        return file;
    }

    /** {@code size} pseudo-random bytes, generated as they are read. */
    static InputStream randomStream(long size, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    /**
     * Uploads a first part just over the 5 MiB S3 minimum and a 1 MiB last part, both generated
     * on disk in {@code dir}, completes the upload and returns the SHA-256 the object must have.
     */
    static String uploadTwoPartsAndComplete(ObjectStore store, String key, Path dir) throws IOException {
        Path first = randomFile(dir.resolve("part-1"), 5 * MIB + 1, 1);
        Path second = randomFile(dir.resolve("part-2"), MIB, 2);
        String uploadId = store.createMultipartUpload(key, "video/mp4");
        var parts = List.of(
                new ObjectStore.UploadedPart(1, store.uploadPart(key, uploadId, 1, first, Files.size(first))),
                new ObjectStore.UploadedPart(2, store.uploadPart(key, uploadId, 2, second, Files.size(second))));
        store.completeMultipartUpload(key, uploadId, parts);
        return sha256OfConcatenation(first, second);
    }

    static String sha256(InputStream in) throws IOException {
        try (var digesting = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
            digesting.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the files' contents one after the other. */
    static String sha256OfConcatenation(Path first, Path second) throws IOException {
        return sha256(new SequenceInputStream(Files.newInputStream(first), Files.newInputStream(second)));
    }
}
