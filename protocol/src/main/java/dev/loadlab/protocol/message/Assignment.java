package dev.loadlab.protocol.message;

import dev.loadlab.protocol.scenario.Scenario;
import java.util.UUID;

/**
 * Prepare one step of a scenario (answer {@link Ready}, then wait for {@link Start}). {@code users} (closed model) or {@code rate} (open model) is this agent's share of the
 * scenario's load; the scenario's own figures are the totals across {@code agentCount} agents. Immutable.
 */
public record Assignment(
        UUID runId, int stepIndex, int probe, Scenario scenario, int agentCount, Integer users, Double rate)
        implements ToAgent, StepMessage {}
