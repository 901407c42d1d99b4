package dev.loadlab.protocol.message;

import dev.loadlab.protocol.scenario.Scenario;
import java.util.Map;
import java.util.UUID;

/**
 * Prepare one step of a scenario (answer {@link Ready}, then wait for {@link Start}). {@code users} (closed model) or
 * {@code rate} (open model) is this agent's share of the scenario's load; the scenario's own figures are the totals
 * across {@code agentCount} agents. With staged load, the agent takes its share of every stage: {@code agentIndex}
 * (0-based) is its place among them. {@code secrets} holds the values of the secrets the scenario refers to, and only
 * those; {@code dataset} the rows this agent draws from. {@link #toString()} never shows a secret's value. Immutable.
 */
public record Assignment(
        UUID runId,
        int stepIndex,
        int probe,
        Scenario scenario,
        int agentCount,
        Integer users,
        Double rate,
        Integer agentIndex,
        Map<String, String> secrets,
        DatasetSlice dataset)
        implements ToAgent, StepMessage {
    public Assignment {
        agentIndex = agentIndex == null ? 0 : agentIndex;
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** An assignment without secrets or dataset, as agent 0. */
    public Assignment(
            UUID runId, int stepIndex, int probe, Scenario scenario, int agentCount, Integer users, Double rate) {
        this(runId, stepIndex, probe, scenario, agentCount, users, rate, 0, null, null);
    }

    @Override
    public String toString() {
        return "Assignment[runId=" + runId + ", stepIndex=" + stepIndex + ", probe=" + probe + ", agent "
                + agentIndex + " of " + agentCount + ", users=" + users + ", rate=" + rate + ", secrets="
                + secrets.keySet() + ", dataset=" + dataset + "]";
    }
}
