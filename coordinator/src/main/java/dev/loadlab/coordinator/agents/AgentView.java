package dev.loadlab.coordinator.agents;

import dev.loadlab.protocol.message.WarmUp;
import java.time.Instant;

/**
 * A registered agent as {@code GET /api/v1/agents} shows it. {@code reason} explains REFUSED; {@code warmUp} is how the
 * agent warmed its generator up before it joined, null (left out of the JSON) for an agent that reports none.
 * Immutable.
 */
public record AgentView(
        String id,
        String host,
        int cores,
        int protocolVersion,
        String version,
        AgentState state,
        String reason,
        Instant registeredAt,
        WarmUp warmUp) {}
