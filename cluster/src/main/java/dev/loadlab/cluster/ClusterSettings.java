package dev.loadlab.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.time.Duration;

/**
 * The Hazelcast settings of every LoadLab member, coordinator and agent alike, so that both ends of a connection judge
 * each other by the same rules. Each timeout is stated once, here. Stateless; each call returns a new {@link Config}.
 */
public final class ClusterSettings {
    /**
     * How often each member tells the others it is alive. One second keeps the failure detector's granularity well
     * under {@link #MAX_NO_HEARTBEAT}, at a cost of a few bytes per member per second.
     */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    /**
     * Silence after which a member is declared dead, on both sides. A killed process is noticed sooner, in about half a
     * second, because its sockets close; this bound is for the silent ones (a frozen VM, a pulled cable). Three seconds
     * plus one {@link #HEARTBEAT_INTERVAL} of granularity drops a silent agent within about 4 s, inside the 5 s issue 5
     * asks for. It used to be 3 s on the coordinator and 5 s on the agent: the coordinator, as master, already removed a
     * silent agent after 3 s, so the agent's 5 s only delayed its noticing a frozen coordinator, for no benefit. A GC or
     * CPU stall of 3 s on a load generator would ruin its measurements anyway, so treating it as a fault costs nothing.
     * It only holds because every member sends heartbeats every {@link #HEARTBEAT_INTERVAL}: a peer left at Hazelcast's
     * default interval (5 s) is declared dead between two of its heartbeats. Hence every member, test members
     * included, takes its settings from this class.
     */
    public static final Duration MAX_NO_HEARTBEAT = Duration.ofSeconds(3);

    /**
     * How long an agent tries to join before giving up (Hazelcast's default is 5 minutes). The agent only joins after
     * the coordinator's port answered, so a join taking longer means the coordinator vanished in between; giving up
     * after 10 s sends the agent back to waiting for it, where it can also be stopped.
     */
    public static final Duration AGENT_MAX_JOIN = Duration.ofSeconds(10);

    private ClusterSettings() {}

    /**
     * The coordinator's data member on {@code host:port} (port 0: any free port). It is the cluster's only data member:
     * agents find it, it finds nobody, so it joins no one. Public for tests that stand in for the coordinator with a raw
     * member.
     */
    public static Config coordinator(String host, int port, String clusterName) {
        Config config = common(clusterName, "loadlab-coordinator-" + clusterName, host, port);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true);
        return config;
    }

    /**
     * An agent's lite member bound to {@code bindHost} on any free port, joining the coordinator at {@code
     * joinHost:joinPort}. Lite: it sees membership events but owns no partitions, so agents coming and going cause no
     * migration.
     */
    static Config agent(String agentId, String joinHost, int joinPort, String bindHost, String clusterName) {
        Config config = common(clusterName, "loadlab-agent-" + agentId, bindHost, 0);
        config.setLiteMember(true);
        config.setProperty("hazelcast.max.join.seconds", Long.toString(AGENT_MAX_JOIN.toSeconds()));
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember(joinHost + ":" + joinPort);
        return config;
    }

    private static Config common(String clusterName, String instancePrefix, String host, int port) {
        Config config = new Config();
        config.setClusterName(clusterName);
        // Unique per instance: several members of one cluster share a JVM in tests, and Hazelcast keys instances by
        // name.
        config.setInstanceName(instancePrefix + "-" + System.nanoTime());
        // Our logback configuration decides what Hazelcast prints, like everything else.
        config.setProperty("hazelcast.logging.type", "slf4j");
        // A load tester must not send traffic of its own to the internet.
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // The coordinator and the agent close their member themselves, in order, after their own shutdown work.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(HEARTBEAT_INTERVAL.toSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(MAX_NO_HEARTBEAT.toSeconds()));
        // A fixed deadline, not phi-accrual: "silent for MAX_NO_HEARTBEAT" is a bound tests and operators can rely on.
        config.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
        // The configured address only: on a multi-homed machine members must not announce an interface others cannot
        // reach, and a test must not listen on every interface.
        config.setProperty("hazelcast.local.localAddress", host);
        config.setProperty("hazelcast.socket.bind.any", "false");
        // Queues are all LoadLab uses; Jet would start threads and services for nothing.
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        // Members find each other only through the address they are given, never by broadcasting.
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        return config;
    }
}
