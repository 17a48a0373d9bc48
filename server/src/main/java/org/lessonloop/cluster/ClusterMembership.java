package org.lessonloop.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Optional;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.config.LessonloopConfig.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's Vert.x and its place among the web nodes. With LESSONLOOP_CLUSTER_MEMBERS set, Vert.x
 * starts clustered: its event bus spans the nodes (a publish reaches every node with a consumer on
 * the address, one TCP hop), which is what lets a debrief room hold people connected to different
 * nodes. Without it Vert.x starts alone, as fast as ever, and Hazelcast is never loaded. Closing
 * Vert.x leaves the cluster: the others drop this node's subscriptions at once instead of after
 * missed heartbeats.
 */
@FeatureApi
public final class ClusterMembership {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);

    private final Vertx vertx;
    private final Optional<Cluster> settings;
    private final HazelcastClusterManager manager;

    private ClusterMembership(Vertx vertx, Optional<Cluster> settings, HazelcastClusterManager manager) {
        this.vertx = vertx;
        this.settings = settings;
        this.manager = manager;
    }

    /** Builds Vert.x from {@code builder} (options already set), clustered when {@code cluster} is present; blocks until joined. */
    public static ClusterMembership start(VertxBuilder builder, VertxOptions options, Optional<Cluster> cluster) {
        if (cluster.isEmpty()) {
            return new ClusterMembership(builder.with(options).build(), cluster, null);
        }
        Cluster settings = cluster.get();
        HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSettings.of(settings));
        // Other nodes connect to this address for the event bus itself; Hazelcast only tells them where it is.
        String address = HazelcastSettings.address(settings.host());
        options.getEventBusOptions().setHost(address).setClusterPublicHost(address).setPort(settings.busPort());
        Vertx vertx = builder.with(options).withClusterManager(manager).buildClustered().await();
        ClusterMembership membership = new ClusterMembership(vertx, cluster, manager);
        manager.getHazelcastInstance().getCluster().addMembershipListener(membership.logger());
        LOG.info("Joined cluster '{}' as {} (event bus on {}:{}); members: {}", settings.name(), membership.self(),
                manager.getNodeInfo().host(), manager.getNodeInfo().port(), membership.members());
        return membership;
    }

    public Vertx vertx() {
        return vertx;
    }

    public boolean clustered() {
        return manager != null;
    }

    /** The cluster's name (LESSONLOOP_CLUSTER_NAME), or empty on a single node. */
    public Optional<String> name() {
        return settings.map(Cluster::name);
    }

    /** Whether this node is still a member (Hazelcast running); true on a single node. */
    public boolean active() {
        return manager == null || manager.isActive();
    }

    /** This node's Hazelcast address, host:port. */
    public String self() {
        return manager == null ? "" : address(manager.getHazelcastInstance().getCluster().getLocalMember());
    }

    /** Every member's Hazelcast address (this node's among them), oldest first; just this node when not clustered. */
    public List<String> members() {
        if (manager == null) {
            return List.of();
        }
        return manager.getHazelcastInstance().getCluster().getMembers().stream().map(ClusterMembership::address).toList();
    }

    /** How many nodes share the event bus: 1 when alone or not clustered. */
    public int size() {
        return manager == null || !manager.isActive() ? 1 : manager.getNodes().size();
    }

    private MembershipListener logger() {
        return new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("Cluster member joined: {}; members now {}", address(event.getMember()), members());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("Cluster member left: {}; members now {}", address(event.getMember()), members());
            }
        };
    }

    private static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }
}
