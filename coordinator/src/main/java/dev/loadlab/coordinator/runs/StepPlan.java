package dev.loadlab.coordinator.runs;

import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * One planned step of a run: the target profile and worker count to switch to first, or nulls to use the target as it
 * is. Immutable.
 */
public record StepPlan(int index, String profile, Integer workers) {
    /** The steps of {@code scenario} in the order they run: each profile (outer) at each worker count (inner). */
    public static List<StepPlan> of(Scenario scenario) {
        Target target = scenario.target();
        if (target.profiles() == null) {
            return List.of(new StepPlan(0, null, null));
        }
        List<StepPlan> plans = new ArrayList<>();
        for (String profile : target.profiles()) {
            for (Integer workers : target.workers()) {
                plans.add(new StepPlan(plans.size(), profile, workers));
            }
        }
        return List.copyOf(plans);
    }

    public boolean switchesTarget() {
        return profile != null;
    }

    @Override
    public String toString() {
        return switchesTarget() ? "step " + index + " (" + profile + ", " + workers + " workers)" : "step " + index;
    }
}
