package org.lessonloop.upload;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * Pseudo-random bytes of a given length, generated on the fly (nothing stored), that can start
 * at any offset and always yield the same byte at the same position: a stand-in for a lesson
 * video that a resumed upload can send again from wherever the server says.
 */
final class SeekableRandomStream extends InputStream {
    private static final int BLOCK = 64 * 1024;

    private final long seed;
    private final long end;
    private long position;
    private final byte[] block = new byte[BLOCK];
    private long blockIndex = -1;

    SeekableRandomStream(long seed, long start, long end) {
        this.seed = seed;
        this.position = start;
        this.end = end;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (position >= end) {
            return -1;
        }
        long index = position / BLOCK;
        if (index != blockIndex) {
            fill(index);
        }
        int within = (int) (position % BLOCK);
        int count = (int) Math.min(Math.min(length, BLOCK - within), end - position);
        System.arraycopy(block, within, target, offset, count);
        position += count;
        return count;
    }

    private void fill(long index) {
        SplittableRandom random = new SplittableRandom(seed * 31 + index);
        for (int i = 0; i < BLOCK; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8; j++) {
                block[i + j] = (byte) (value >>> (8 * j));
            }
        }
        blockIndex = index;
    }
}
