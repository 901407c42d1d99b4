package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One planned step of a run: the target profile and worker count to switch to first (nulls to use the target as it
 * is), and which repeat of that cell it is (0-based). Immutable.
 */
public record StepPlan(int index, String profile, Integer workers, int repeat) {
    /** A plan for the first (or only) repeat. */
    public StepPlan(int index, String profile, Integer workers) {
        this(index, profile, workers, 0);
    }

    /**
     * The steps of {@code scenario} in the order they run: each profile (outer) at each worker count, each repeated
     * {@code repeats} times (inner), so the target switches once per cell.
     */
    public static List<StepPlan> of(Scenario scenario) {
        Target target = scenario.target();
        List<String> profiles = target.profiles() == null ? Arrays.asList((String) null) : target.profiles();
        List<Integer> workerCounts = target.workers() == null ? Arrays.asList((Integer) null) : target.workers();
        List<StepPlan> plans = new ArrayList<>();
        for (String profile : profiles) {
            for (Integer workers : workerCounts) {
                for (int repeat = 0; repeat < scenario.repeats(); repeat++) {
                    plans.add(new StepPlan(plans.size(), profile, workers, repeat));
                }
            }
        }
        return List.copyOf(plans);
    }

    public boolean switchesTarget() {
        return profile != null;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (switchesTarget()) {
            parts.add(profile + ", " + workers + " workers");
        }
        if (repeat > 0) {
            parts.add("repeat " + repeat);
        }
        return "step " + index + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }
}
