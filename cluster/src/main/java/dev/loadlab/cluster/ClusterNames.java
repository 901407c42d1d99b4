package dev.loadlab.cluster;

/** Names of the Hazelcast structures the coordinator and the agents share. */
public final class ClusterNames {
    /** Queue of {@link dev.loadlab.protocol.message.ToCoordinator} messages, held by the coordinator. */
    public static final String COORDINATOR_INBOX = "loadlab.coordinator.inbox";

    private static final String AGENT_INBOX_PREFIX = "loadlab.agent.inbox.";

    private ClusterNames() {}

    /**
     * Queue of {@link dev.loadlab.protocol.message.ToAgent} messages for one agent, keyed by its Hazelcast member UUID
     * (not its id: two processes claiming one id must not read each other's messages).
     */
    public static String agentInbox(String memberUuid) {
        return AGENT_INBOX_PREFIX + memberUuid;
    }
}
