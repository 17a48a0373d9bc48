package org.lessonloop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A clustered event bus for {@code nodes} web nodes on loopback: a cluster name of its own (another
 * test's nodes never join it) and a free Hazelcast port per node, every node listing all of them.
 */
public final class LoopbackCluster {
    private final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> members = new ArrayList<>();

    public LoopbackCluster(int nodes) {
        for (int i = 0; i < nodes; i++) {
            members.add("127.0.0.1:" + freePort());
        }
    }

    public String name() {
        return name;
    }

    /** Node {@code index}'s Hazelcast address, host:port. */
    public String member(int index) {
        return members.get(index);
    }

    /** {@code env} with node {@code index}'s cluster settings added. */
    public Map<String, String> node(Map<String, String> env, int index) {
        Map<String, String> node = new HashMap<>(env);
        node.put("LESSONLOOP_CLUSTER_NAME", name);
        node.put("LESSONLOOP_CLUSTER_MEMBERS", String.join(",", members));
        node.put("LESSONLOOP_CLUSTER_PORT", member(index).split(":")[1]);
        return node;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
