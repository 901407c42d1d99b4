package dev.loadlab.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's end of the wire: the cluster's only data member and its message plumbing, one inbox queue for
 * messages from agents and one queue per agent for messages to it. Messages are JSON strings (never Java
 * serialization). Thread-safe.
 */
public final class CoordinatorEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorEndpoint.class);

    private final HazelcastInstance hazelcast;
    private final Thread inboxReader;
    private volatile Consumer<ToCoordinator> handler = m -> {};
    private volatile Consumer<String> memberRemoved = m -> {};

    private CoordinatorEndpoint(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.inboxReader = Thread.ofVirtual().name("loadlab-inbox").unstarted(this::readInbox);
    }

    /** Starts the data member on {@code host:port} (0: any free port). */
    public static CoordinatorEndpoint start(String host, int port, String clusterName) {
        CoordinatorEndpoint endpoint = new CoordinatorEndpoint(
                Hazelcast.newHazelcastInstance(ClusterSettings.coordinator(host, port, clusterName)));
        endpoint.hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("cluster member joined: {}", event.getMember().getAddress());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("cluster member left: {}", event.getMember().getAddress());
                endpoint.memberRemoved.accept(event.getMember().getUuid().toString());
            }
        });
        return endpoint;
    }

    /**
     * Starts delivering agents' messages to {@code onMessage}, one at a time, on a dedicated thread, and the member
     * UUID of each member that leaves to {@code onMemberRemoved}. Call once.
     */
    public void listen(Consumer<ToCoordinator> onMessage, Consumer<String> onMemberRemoved) {
        this.handler = onMessage;
        this.memberRemoved = onMemberRemoved;
        inboxReader.start();
    }

    /** Sends to the agent whose Hazelcast member is {@code memberUuid}. */
    public void send(String memberUuid, ToAgent message) {
        queue(ClusterNames.agentInbox(memberUuid)).offer(Messages.encode(message));
    }

    /** Drops a departed member's inbox, so its queue does not outlive it. */
    public void forget(String memberUuid) {
        queue(ClusterNames.agentInbox(memberUuid)).destroy();
    }

    /** Hazelcast's cluster time in ms: the clock every member of the cluster agrees on. */
    public long clusterTimeMs() {
        return hazelcast.getCluster().getClusterTime();
    }

    public boolean isRunning() {
        return hazelcast.getLifecycleService().isRunning();
    }

    /** {@code host:port} agents join. */
    public String address() {
        var address = hazelcast.getCluster().getLocalMember().getAddress();
        return address.getHost() + ":" + address.getPort();
    }

    private IQueue<String> queue(String name) {
        return hazelcast.getQueue(name);
    }

    private void readInbox() {
        IQueue<String> inbox = queue(ClusterNames.COORDINATOR_INBOX);
        while (isRunning()) {
            String json;
            try {
                json = inbox.take();
            } catch (InterruptedException | HazelcastInstanceNotActiveException e) {
                return;
            }
            try {
                handler.accept(Messages.toCoordinator(json));
            } catch (RuntimeException e) {
                LOG.error("cannot handle a message from an agent: {}", abbreviate(json), e);
            }
        }
    }

    private static String abbreviate(String json) {
        return json.length() > 300 ? json.substring(0, 300) + "…" : json;
    }

    @Override
    public void close() {
        inboxReader.interrupt();
        hazelcast.shutdown();
    }
}
