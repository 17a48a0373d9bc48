package org.lessonloop.feature;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.lessonloop.config.LessonloopConfig;

/**
 * Names this server across restarts (a hash of host name and HTTP port: two HTTP servers cannot
 * share both), so it can drop the upload leases of its own previous life. Without a fixed port,
 * or without HTTP, it is random: nothing then claims another process's leases.
 */
final class NodeId {
    private NodeId() {
    }

    static String of(LessonloopConfig config) {
        if (!config.role().servesHttp() || config.httpPort() == 0) {
            return UUID.randomUUID().toString().substring(0, 16);
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((host + ":" + config.httpPort()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
