package org.lessonloop.media.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.Organization;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/** Large files stream from storage to the player byte for byte, and a slow player does not make the server hold them. */
@RealServer
class MediaStreamingTest {
    private static final int SIZE = 20 * 1024 * 1024;
    private static final long HELD_LIMIT = 8L * 1024 * 1024;

    private static TestServer server;
    private static Organization org;
    private static String segment;
    private static byte[] sha256;

    @BeforeAll
    static void start() throws Exception {
        String id = org.sharedRecording();
        byte[] bytes = MediaFixtures.bytes(SIZE, 20);
        sha256 = MessageDigest.getInstance("SHA-256").digest(bytes);
        MediaFixtures.put(server.store(), "recordings/" + id + "/media/v1080/seg_00001.m4s", bytes);
        segment = "/api/recordings/" + id + "/media/v1080/seg_00001.m4s";
    }

    @Test
    void aTwentyMegabyteSegmentArrivesByteForByte() throws Exception {
        MediaHttp.Reply reply = MediaHttp.get(org.sharedCoach, segment);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(Integer.toString(SIZE), reply.header("Content-Length"));
        assertArrayEquals(sha256, MessageDigest.getInstance("SHA-256").digest(reply.body()));
    }

    /**
     * The server runs in this JVM, so its memory is ours to watch: while a player reads nothing,
     * the server may hold a few write buffers of the segment, not the segment.
     */
    @Test
    void aStalledPlayerDoesNotMakeTheServerHoldTheSegment() throws Exception {
        long before = settledMemory();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new java.net.InetSocketAddress(server.base().getHost(), server.base().getPort()));
            String request = "GET " + segment + " HTTP/1.1\r\nHost: " + server.base().getAuthority()
                    + "\r\nCookie: " + org.sharedCoach.cookieHeader() + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            MediaHttp.Reply head = MediaHttp.readHead(in);
            assertEquals(200, head.status(), head::toString);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(in.readNBytes(1024 * 1024));
            Thread.sleep(1_500); // the server fills socket and write queue, then must wait

            long held = settledMemory() - before;

            digest.update(in.readNBytes(SIZE - 1024 * 1024));
            assertTrue(held < HELD_LIMIT, "the server held " + held / 1024 + " KiB of a " + SIZE / 1024 + " KiB segment");
            assertArrayEquals(sha256, digest.digest());
        }
    }

    /** Heap and direct buffers in use after a full collection. */
    private static long settledMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + direct;
    }
}
