package dev.loadlab.agent.gatling;

import dev.loadlab.protocol.scenario.Pause;
import dev.loadlab.protocol.scenario.RequestSpec;
import java.util.List;

/**
 * One flow as the simulation runs it: its weight, the {@code once} part and the looped {@code steps}, each step a
 * request (with its global request index, the recorder's slot key) or a pause. Immutable.
 */
record FlowPlan(String name, int weight, List<Item> once, List<Item> steps) {
    FlowPlan {
        once = List.copyOf(once);
        steps = List.copyOf(steps);
    }

    /**
     * One step: a request ({@code index} >= 0, then {@code pauseAfter} is the think time that follows it: the
     * request's own pause, else the workload's) or a pause-only step ({@code index} -1, {@code request} null).
     */
    record Item(int index, RequestSpec request, Pause pauseAfter) {
        boolean pauseOnly() {
            return request == null;
        }
    }
}
