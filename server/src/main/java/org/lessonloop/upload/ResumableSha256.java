package org.lessonloop.upload;

import java.util.HexFormat;
import org.bouncycastle.crypto.SavableDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * SHA-256 whose running state can be saved and restored. The JDK's digest cannot export its
 * state; Bouncy Castle's can, so the hash of a file uploaded over many requests, nodes and
 * restarts is still computed over the exact bytes received, in one pass.
 */
final class ResumableSha256 {
    private final SavableDigest digest;

    private ResumableSha256(SavableDigest digest) {
        this.digest = digest;
    }

    static ResumableSha256 restore(byte[] savedState) {
        return new ResumableSha256(savedState == null ? SHA256Digest.newInstance() : SHA256Digest.newInstance(savedState));
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    byte[] save() {
        return digest.getEncodedState();
    }

    /** The final hash as lower-case hex; leaves this object reset. */
    String finishHex() {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
