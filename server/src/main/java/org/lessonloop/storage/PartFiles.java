package org.lessonloop.storage;

import io.minio.Http;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32C;

/** Request bodies streamed from files: how {@link ObjectStore} keeps objects and parts out of memory. */
final class PartFiles {

    private static final int BUFFER = 64 * 1024;

    private PartFiles() {
    }

    /**
     * Headers for a body of {@code length} bytes from the file's current position. Over plain HTTP
     * the SDK would otherwise sign the body's SHA-256, which it computes by reading the file and
     * leaving it positioned past the data it then sends (EOFException); and S3Proxy checks a
     * signed body by reading all of it into memory. An unsigned payload avoids both, and
     * Content-MD5, computed here while streaming, still lets the server reject a corrupted body.
     */
    static Http.Headers unsignedWithMd5(RandomAccessFile raf, long length) throws IOException {
        MessageDigest md5 = md5();
        readBack(raf, length, md5::update);
        return new Http.Headers(
                Http.Headers.X_AMZ_CONTENT_SHA256, "UNSIGNED-PAYLOAD",
                Http.Headers.CONTENT_MD5, Base64.getEncoder().encodeToString(md5.digest()));
    }

    /**
     * Headers for a part: unsigned (see {@link #unsignedWithMd5}), with a CRC32C checksum that the
     * CPU computes in hardware, where MD5 cost more than all the rest of an upload's work.
     */
    static Http.Headers unsignedWithCrc32c(RandomAccessFile raf, long length) throws IOException {
        CRC32C crc = new CRC32C();
        readBack(raf, length, crc::update);
        byte[] value = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
        return new Http.Headers(
                Http.Headers.X_AMZ_CONTENT_SHA256, "UNSIGNED-PAYLOAD",
                "x-amz-checksum-crc32c", Base64.getEncoder().encodeToString(value));
    }

    /** Receives the bytes of a file range, for checksums. */
    @FunctionalInterface
    private interface ByteSink {
        void accept(byte[] bytes, int offset, int length);
    }

    /** Feeds {@code length} bytes from the file's current position to {@code sink}, then seeks back. */
    private static void readBack(RandomAccessFile raf, long length, ByteSink sink) throws IOException {
        long start = raf.getFilePointer();
        byte[] buffer = new byte[BUFFER];
        for (long left = length; left > 0; ) {
            int n = raf.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("File ends " + left + " bytes before the expected length " + length);
            }
            sink.accept(buffer, 0, n);
            left -= n;
        }
        raf.seek(start);
    }

    /** Copies up to {@code max} bytes of {@code in} to the start of {@code raf}, left positioned at 0. */
    static long spool(InputStream in, RandomAccessFile raf, long max) throws IOException {
        raf.seek(0);
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        while (total < max) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total));
            if (n < 0) {
                break;
            }
            raf.write(buffer, 0, n);
            total += n;
        }
        raf.seek(0);
        return total;
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temp file is harmless; the upload's own outcome is what the caller needs
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK ships MD5", e);
        }
    }
}
