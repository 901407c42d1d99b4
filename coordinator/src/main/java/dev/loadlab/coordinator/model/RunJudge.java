package dev.loadlab.coordinator.runs;

import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.ScalingSeries;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.search.Measured;
import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Scenario;
import java.util.List;

/**
 * Makes a stored run into the view the API shows: each step judged against the scenario's SLO (from its stored
 * figures, so the verdict is the same at every read), and the chart-ready series derived from the steps. Stateless.
 */
final class RunViews {
    private RunViews() {}

    static RunView of(RunView stored) {
        Scenario scenario = stored.scenario();
        List<StepView> steps = scenario.slo() == null
                ? stored.steps()
                : stored.steps().stream()
                        .map(step -> step.withSlo(verdict(scenario, step)))
                        .toList();
        return stored.withSteps(steps, ScalingSeries.of(steps));
    }

    /** A search step meets the SLO when it found a knee; any other step by its measured figures. */
    static SloVerdict verdict(Scenario scenario, StepView step) {
        if (step.search() != null) {
            return SloVerdict.ofSearch(step.search());
        }
        Double offered =
                scenario.load().model() == LoadModel.OPEN ? scenario.load().rate() : null;
        return SloVerdict.judge(
                scenario.slo(),
                offered,
                new Measured(
                        step.requests(),
                        step.errors(),
                        step.throughputRps(),
                        step.latencyMs().p50(),
                        step.latencyMs().p99(),
                        step.targetCpuCores(),
                        step.generatorBound()),
                step.unsteady() ? step.steadiness().reason() : null);
    }
}
