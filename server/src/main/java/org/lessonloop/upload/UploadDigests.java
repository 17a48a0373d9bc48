package org.lessonloop.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running SHA-256 of uploads between requests, kept in memory: the JDK's hardware-accelerated
 * digest costs a fraction of a portable one, but its state cannot be saved. When a request lands
 * on another node or after a restart the entry is missing, and the hash is computed once from the
 * assembled object instead; this cache only saves that read, it is never needed for correctness.
 */
final class UploadDigests {
    private static final int MAX_ENTRIES = 10_000;

    private record Running(long offset, MessageDigest digest) {
    }

    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    static MessageDigest fresh() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest over exactly the first {@code offset} bytes, handed to the one lease holder. */
    Optional<MessageDigest> resume(UUID uploadId, long offset) {
        if (offset == 0) {
            return Optional.of(fresh());
        }
        Running entry = running.remove(uploadId);
        return entry != null && entry.offset() == offset ? Optional.of(entry.digest()) : Optional.empty();
    }

    void keep(UUID uploadId, long offset, MessageDigest digest) {
        if (running.size() >= MAX_ENTRIES) {
            running.clear(); // abandoned uploads must not grow this forever; the fallback stays correct
        }
        running.put(uploadId, new Running(offset, digest));
    }
}
