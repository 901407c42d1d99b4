package dev.loadlab.coordinator.runs;

import dev.loadlab.protocol.scenario.OnAgentLoss;
import java.util.Map;
import java.util.Set;

/**
 * Why a step ended as it did, beyond the agents' own results: agents lost from the cluster, agents that never reported
 * (with the reason), whether it was cancelled, and the loss policy in force. Immutable.
 */
public record StepOutcome(Set<String> lost, Map<String, String> missing, boolean cancelled, OnAgentLoss onAgentLoss) {
    public StepOutcome {
        lost = Set.copyOf(lost);
        missing = Map.copyOf(missing);
    }

    public static StepOutcome normal() {
        return new StepOutcome(Set.of(), Map.of(), false, OnAgentLoss.CONTINUE);
    }
}
