package org.lessonloop.events;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.lessonloop.architecture.FeatureApi;
import org.lessonloop.database.DatabaseChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a message on the event bus of every node, so whatever consumes an address locally (a
 * live socket, later a debrief room) hears it wherever it was published: a worker's progress, a
 * comment posted through another web node. This node's consumers get it at once from the local
 * bus; the other nodes through PostgreSQL, which all nodes share already (one NOTIFY channel,
 * batched after commit by {@link DatabaseChanges#send}; the nodes hear it on the connection that
 * keeps their caches coherent, so a revocation is heard before a message sent after it). Each node
 * skips its own messages, so nobody gets one twice. Best effort, as a NOTIFY is: a node whose
 * listener was away has its consumers told on {@link #RESYNC_ADDRESS} that they may have missed some.
 * On a clustered event bus (LESSONLOOP_CLUSTER_MEMBERS) it still publishes to this node's consumers
 * only: PostgreSQL carries it to the others, and the bus would deliver it a second time.
 */
@FeatureApi
public final class Fanout {
    public static final String CHANNEL = "lessonloop_fanout";
    /** Published locally (empty body) when messages from other nodes may have been lost. */
    public static final String RESYNC_ADDRESS = "lessonloop.fanout.resync";

    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final EventBus bus;
    private final DatabaseChanges changes;
    private final String node = UUID.randomUUID().toString();
    private static final DeliveryOptions THIS_NODE = new DeliveryOptions().setLocalOnly(true);

    /** Before {@code changes} listens. */
    public Fanout(EventBus bus, DatabaseChanges changes) {
        this.bus = bus;
        this.changes = changes;
        changes.hear(CHANNEL, this::heard, () -> bus.publish(RESYNC_ADDRESS, new JsonObject(), THIS_NODE));
    }

    /**
     * To every consumer of {@code address} on every node. Call it once what it tells of has
     * committed: other nodes get it within milliseconds, in a transaction of its own.
     */
    public void publish(String address, JsonObject body) {
        bus.publish(address, body, THIS_NODE);
        changes.send(CHANNEL, new JsonObject().put("node", node).put("address", address).put("body", body).encode());
    }

    private void heard(String message) {
        JsonObject envelope;
        try {
            envelope = new JsonObject(message);
        } catch (DecodeException e) {
            LOG.warn("Ignoring a message on {} that is not JSON", CHANNEL);
            return;
        }
        if (!node.equals(envelope.getString("node"))) {
            bus.publish(envelope.getString("address"), envelope.getJsonObject("body"), THIS_NODE);
        }
    }
}
