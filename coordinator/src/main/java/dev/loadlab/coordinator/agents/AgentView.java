package dev.loadlab.coordinator.agents;

import java.time.Instant;

/** A registered agent as {@code GET /api/v1/agents} shows it. {@code reason} explains REFUSED. Immutable. */
public record AgentView(
        String id,
        String host,
        int cores,
        int protocolVersion,
        String version,
        AgentState state,
        String reason,
        Instant registeredAt) {}
