package org.lessonloop.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.lessonloop.config.LessonloopConfig.Cluster;

/**
 * The Hazelcast member an operator's LESSONLOOP_CLUSTER_* settings describe, as data. Hazelcast's
 * defaults suit a laptop demo, not a school's network: multicast discovery (vertx-hazelcast's own
 * cluster.xml) would let any Lessonloop on the segment join and read room traffic, auto-detection
 * probes cloud metadata endpoints, and phone-home reports to hazelcast.com. All three are off; a
 * node joins the members it is told about, and nothing else.
 */
final class HazelcastSettings {
    /** A dead node's event-bus subscriptions are dropped once it misses heartbeats this long (Hazelcast's default: 60 s). */
    static final int MAX_SILENT_SECONDS = 10;

    private HazelcastSettings() {
    }

    static Config of(Cluster cluster) {
        // Vert.x's config holds the maps and multimap its event bus needs (__vertx.subs, __vertx.nodeInfo).
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // Vert.x's close leaves the cluster: Hazelcast's own hook would leave first, under rooms still publishing.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_SILENT_SECONDS));
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getMetricsConfig().setEnabled(false);

        String address = address(cluster.host());
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).clear().addInterface(address);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(cluster.members());
        return config;
    }

    /** Hazelcast binds to an interface's IP address: a host name (web-1 in compose) is resolved once, at start. */
    static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("LESSONLOOP_CLUSTER_HOST='" + host + "' does not resolve to an address of this node", e);
        }
    }
}
