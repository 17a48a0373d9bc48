package org.lessonloop.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lessonloop.storage.StorageFixtures.MIB;
import static org.lessonloop.storage.StorageFixtures.randomFile;
import static org.lessonloop.storage.StorageFixtures.randomStream;
import static org.lessonloop.storage.StorageFixtures.sha256;
import static org.lessonloop.storage.StorageFixtures.uploadTwoPartsAndComplete;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ObjectStore must do on any S3 server the application runs on: {@link ObjectStoreTest} runs
 * these on the embedded S3Proxy, {@link MinioContainerObjectStoreTest} on MinIO itself.
 */
abstract class ObjectStoreContract {

    @TempDir
    Path scratch;

    ObjectStore store;

    /** Settings of a bucket on the server under test that no other test uses. */
    abstract S3Settings emptyBucket();

    @BeforeEach
    void connect() {
        store = ObjectStore.connect(emptyBucket());
        store.ensureBucket();
    }

    @AfterEach
    void disconnect() {
        store.close();
    }

    @Test
    void aStoredFileReadsBackWithItsSizeAndContentType() throws IOException {
        Path poster = randomFile(scratch.resolve("poster.jpg"), 300_000, 7);

        store.put("recordings/r1/poster.jpg", poster, "image/jpeg");

        try (InputStream in = store.get("recordings/r1/poster.jpg")) {
            assertArrayEquals(Files.readAllBytes(poster), in.readAllBytes());
        }
        var stat = store.stat("recordings/r1/poster.jpg").orElseThrow();
        assertEquals(300_000, stat.size());
        assertEquals("image/jpeg", stat.contentType());
    }

    @Test
    void aRangedGetReturnsExactlyTheRequestedBytes() throws IOException {
        byte[] bytes = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        store.put("ranged.txt", new ByteArrayInputStream(bytes), bytes.length, "text/plain");

        try (InputStream in = store.get("ranged.txt", 5, 7)) {
            assertEquals("56789ab", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void statOfAMissingKeyIsEmpty() {
        assertEquals(Optional.empty(), store.stat("no/such/key"));
    }

    @Test
    void aRemovedObjectIsGone() {
        store.put("doomed", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream");

        store.remove("doomed");

        assertTrue(store.stat("doomed").isEmpty());
    }

    @Test
    void removingAMissingKeyIsNotAnError() {
        assertDoesNotThrow(() -> store.remove("never/stored"));
    }

    @Test
    void removePrefixRemovesMoreThanOneListingPageAndNothingOutsideThePrefix() {
        IntStream.range(0, 1_050).forEach(i -> putText("recordings/r1/hls/seg-" + i + ".ts", "segment " + i));
        putText("recordings/r10/poster.jpg", "a neighbour whose key shares the prefix text");
        putText("recordings/r2/poster.jpg", "another recording");

        int removed = store.removePrefix("recordings/r1/");

        assertEquals(1_050, removed);
        assertTrue(store.stat("recordings/r1/hls/seg-0.ts").isEmpty());
        assertTrue(store.stat("recordings/r1/hls/seg-1049.ts").isEmpty());
        assertTrue(store.stat("recordings/r10/poster.jpg").isPresent());
        assertTrue(store.stat("recordings/r2/poster.jpg").isPresent());
    }

    @Test
    void aCompletedMultipartUploadIsTheConcatenationOfItsParts() throws IOException {
        String expected = uploadTwoPartsAndComplete(store, "originals/u1.mp4", scratch);

        try (InputStream in = store.get("originals/u1.mp4")) {
            assertEquals(expected, sha256(in));
        }
        assertEquals(5 * MIB + 1 + MIB, store.stat("originals/u1.mp4").orElseThrow().size());
    }

    @Test
    void listPartsReportsEachUploadedPartWithItsEtag() throws IOException {
        Path part = randomFile(scratch.resolve("part"), 5 * MIB, 3);
        String uploadId = store.createMultipartUpload("originals/u2.mp4", "video/mp4");
        String etag = store.uploadPart("originals/u2.mp4", uploadId, 1, part, Files.size(part));

        assertEquals(List.of(new ObjectStore.UploadedPart(1, etag)), store.listParts("originals/u2.mp4", uploadId));
    }

    @Test
    void anAbortedMultipartUploadIsNoLongerPending() throws IOException {
        Path part = randomFile(scratch.resolve("part"), MIB, 4);
        String uploadId = store.createMultipartUpload("originals/u3.mp4", "video/mp4");
        store.uploadPart("originals/u3.mp4", uploadId, 1, part, Files.size(part));
        assertEquals(List.of(new ObjectStore.PendingUpload("originals/u3.mp4", uploadId)),
                store.listMultipartUploads("originals/"));

        store.abortMultipartUpload("originals/u3.mp4", uploadId);

        assertEquals(List.of(), store.listMultipartUploads("originals/"));
    }

    @Test
    void abortingAnUploadThatIsAlreadyGoneIsNotAnError() {
        String uploadId = store.createMultipartUpload("originals/u4.mp4", "video/mp4");
        store.abortMultipartUpload("originals/u4.mp4", uploadId);

        assertDoesNotThrow(() -> store.abortMultipartUpload("originals/u4.mp4", uploadId));
    }

    @Test
    void aFileLargerThanOnePartIsStoredWhole() throws IOException {
        Path original = randomFile(scratch.resolve("big.mp4"), ObjectStore.PART_SIZE + MIB, 5);

        store.put("originals/big.mp4", original, "video/mp4");

        try (InputStream in = store.get("originals/big.mp4")) {
            assertEquals(sha256(Files.newInputStream(original)), sha256(in));
        }
    }

    @Test
    void aStreamOfUnknownLengthLargerThanOnePartIsStoredWhole() throws IOException {
        long size = ObjectStore.PART_SIZE + 3 * MIB;

        store.put("exports/clip.mp4", randomStream(size, 6), -1, "video/mp4");

        try (InputStream in = store.get("exports/clip.mp4")) {
            assertEquals(sha256(randomStream(size, 6)), sha256(in));
        }
    }

    @Test
    void aStreamShorterThanItsDeclaredSizeIsRejected() {
        var shortStream = new ByteArrayInputStream(new byte[10]);

        assertThrows(StorageException.class, () -> store.put("short", shortStream, 20, "application/octet-stream"));
        assertTrue(store.stat("short").isEmpty());
    }

    @Test
    void aPresignedUrlDownloadsTheObjectWithoutCredentials() throws Exception {
        putText("recordings/r1/poster.txt", "poster");

        URI url = URI.create(store.presignedGet("recordings/r1/poster.txt", Duration.ofMinutes(5)));

        try (HttpClient http = HttpClient.newHttpClient()) {
            var response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("poster", response.body());
        }
    }

    void putText(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, "text/plain");
    }
}
