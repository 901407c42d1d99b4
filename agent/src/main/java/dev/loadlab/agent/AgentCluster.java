package dev.loadlab.agent;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.loadlab.protocol.ClusterNames;
import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * This agent's Hazelcast lite member: it sees membership events (so the loss of the coordinator is noticed in
 * seconds) but owns no partitions, so agents coming and going cause no migration. Also the two queues the agent uses.
 * Thread-safe. Public so that tests can act as an agent of another protocol version.
 */
public final class AgentCluster implements AutoCloseable {
    private final HazelcastInstance hazelcast;
    private final String agentId;
    private final CountDownLatch coordinatorLost = new CountDownLatch(1);

    private AgentCluster(HazelcastInstance hazelcast, String agentId) {
        this.hazelcast = hazelcast;
        this.agentId = agentId;
    }

    /** Joins the coordinator at {@code joinHost:joinPort} as a lite member. */
    public static AgentCluster join(
            String agentId, String joinHost, int joinPort, String bindHost, String clusterName) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName("loadlab-agent-" + agentId + "-" + System.nanoTime());
        config.setLiteMember(true);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Notice a dead coordinator (and let it notice a dead agent) in seconds, not Hazelcast's default minute.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        config.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
        config.setProperty("hazelcast.local.localAddress", bindHost);
        config.setProperty("hazelcast.socket.bind.any", "false");
        // Give up joining quickly when the coordinator vanished between our probe and the join.
        config.setProperty("hazelcast.max.join.seconds", "10");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(0).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(joinHost + ":" + joinPort);
        AgentCluster cluster = new AgentCluster(Hazelcast.newHazelcastInstance(config), agentId);
        cluster.hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {}

            @Override
            public void memberRemoved(MembershipEvent event) {
                cluster.checkCoordinator();
            }
        });
        cluster.checkCoordinator();
        return cluster;
    }

    private void checkCoordinator() {
        if (hazelcast.getCluster().getMembers().stream().allMatch(Member::isLiteMember)) {
            coordinatorLost.countDown();
        }
    }

    /** True once no data member (coordinator) is left in the cluster. */
    public boolean coordinatorLost() {
        return coordinatorLost.getCount() == 0;
    }

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
        IQueue<String> inbox = hazelcast.getQueue(ClusterNames.COORDINATOR_INBOX);
        inbox.offer(Messages.encode(message));
    }

    /** The next message for this agent, or null when none came within {@code timeout}. */
    public ToAgent receive(Duration timeout) throws InterruptedException {
        IQueue<String> inbox = hazelcast.getQueue(ClusterNames.agentInbox(memberUuid()));
        String json = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return json == null ? null : Messages.toAgent(json);
    }

    @Override
    public void close() {
        hazelcast.shutdown();
    }
}
