package dev.loadlab.coordinator.runs;

import dev.loadlab.cluster.CoordinatorEndpoint;
import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.protocol.message.ToAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message to an agent by its id, through the inbox of the Hazelcast member it registered from; a message to an
 * agent that is no longer registered is logged and dropped (its loss is handled as a lost agent). Thread-safe.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final AgentRegistry agents;
    private final CoordinatorEndpoint cluster;

    Outbox(AgentRegistry agents, CoordinatorEndpoint cluster) {
        this.agents = agents;
        this.cluster = cluster;
    }

    void send(String agentId, ToAgent message) {
        agents.memberOf(agentId)
                .ifPresentOrElse(
                        member -> cluster.send(member, message),
                        () -> LOG.warn(
                                "cannot send {} to agent {}: it is no longer registered",
                                message.getClass().getSimpleName(),
                                agentId));
    }
}
