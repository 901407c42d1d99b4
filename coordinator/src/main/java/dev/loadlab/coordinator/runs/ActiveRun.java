package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.targetcontrol.TargetControlClient;
import dev.loadlab.protocol.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A run that holds its agents: its planned steps, which one is next, the agents still with it, and the step in
 * flight. Owned by the scheduler's thread; not thread-safe.
 */
final class ActiveRun {
    final UUID id;
    final Scenario scenario;
    final List<StepPlan> plans;
    final List<String> agents;
    final TargetControlClient control;
    int next;
    ActiveStep step;
    boolean cancelling;
    /** The search of the step in flight, for the search model; null otherwise. */
    SearchStep search;
    /**
     * The scenario's dataset rows and secret values, read at the run's first step and kept for the others (and every
     * search probe), so a run reads them once and its steps all draw from the same data; null until then.
     */
    RunInputs inputs;

    ActiveRun(UUID id, Scenario scenario, List<String> agents, TargetControlClient control) {
        this.id = id;
        this.scenario = scenario;
        this.plans = StepPlan.of(scenario);
        this.agents = new ArrayList<>(agents);
        this.control = control;
    }

    boolean hasNext() {
        return next < plans.size();
    }
}
