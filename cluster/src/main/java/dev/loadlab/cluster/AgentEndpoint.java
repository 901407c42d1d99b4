package dev.loadlab.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An agent's end of the wire: its Hazelcast lite member, which sees membership events (so the loss of the coordinator
 * is noticed in seconds) but owns no partitions, so agents coming and going cause no migration; and the two queues the
 * agent uses. Hazelcast's failures surface as {@link ClusterUnavailableException} (or, once the member has shut down,
 * {@link IllegalStateException}). Thread-safe.
 */
public final class AgentEndpoint implements AutoCloseable {
    private final HazelcastInstance hazelcast;
    private final String inbox;
    private final CountDownLatch coordinatorLost = new CountDownLatch(1);

    private AgentEndpoint(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.inbox = ClusterNames.agentInbox(memberUuid());
    }

    /**
     * Joins the coordinator at {@code joinHost:joinPort} as a lite member bound to {@code bindHost}; gives up after
     * {@link ClusterSettings#AGENT_MAX_JOIN}.
     */
    public static AgentEndpoint join(
            String agentId, String joinHost, int joinPort, String bindHost, String clusterName) {
        HazelcastInstance hazelcast;
        try {
            hazelcast = Hazelcast.newHazelcastInstance(
                    ClusterSettings.agent(agentId, joinHost, joinPort, bindHost, clusterName));
        } catch (HazelcastException e) {
            throw new ClusterUnavailableException(
                    "cannot join " + joinHost + ":" + joinPort + ": " + e.getMessage(), e);
        }
        AgentEndpoint endpoint = new AgentEndpoint(hazelcast);
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {}

            @Override
            public void memberRemoved(MembershipEvent event) {
                endpoint.checkCoordinator();
            }
        });
        // The coordinator may have left before the listener was in place.
        endpoint.checkCoordinator();
        return endpoint;
    }

    private void checkCoordinator() {
        if (hazelcast.getCluster().getMembers().stream().allMatch(Member::isLiteMember)) {
            coordinatorLost.countDown();
        }
    }

    /** True once no data member (coordinator) is left in the cluster; never false again for this endpoint. */
    public boolean coordinatorLost() {
        return coordinatorLost.getCount() == 0;
    }

    /** Waits up to {@code timeout} for the coordinator to leave; true once it has. */
    public boolean awaitCoordinatorLost(Duration timeout) throws InterruptedException {
        return coordinatorLost.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** This member's Hazelcast UUID, which addresses its inbox. */
    public String memberUuid() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    /**
     * Hazelcast's cluster time in epoch ms: this machine's clock corrected by its offset from the cluster's master, so
     * agents on machines with different clocks agree on one start time.
     */
    public long clusterTimeMs() {
        return hazelcast.getCluster().getClusterTime();
    }

    public void send(ToCoordinator message) {
        try {
            hazelcast.<String>getQueue(ClusterNames.COORDINATOR_INBOX).offer(Messages.encode(message));
        } catch (HazelcastException e) {
            throw new ClusterUnavailableException("cannot send to the coordinator: " + e.getMessage(), e);
        }
    }

    /** The next message for this agent, or null when none came within {@code timeout}. */
    public ToAgent receive(Duration timeout) throws InterruptedException {
        String json;
        try {
            json = hazelcast.<String>getQueue(inbox).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (HazelcastException e) {
            throw new ClusterUnavailableException("cannot read this agent's inbox: " + e.getMessage(), e);
        }
        return json == null ? null : Messages.toAgent(json);
    }

    @Override
    public void close() {
        hazelcast.shutdown();
    }
}
