package dev.loadlab.coordinator.model;

import dev.loadlab.coordinator.search.Measured;
import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Scenario;
import java.util.List;

/**
 * Judges a stored run from its stored figures, so the judgement is the same at every read: each step against the
 * scenario's SLO, the run's {@link RunVerdict}, and the chart-ready series derived from the steps. The API shows runs
 * through {@link #judged}; the store keeps each finished run's verdict from {@link #verdict} for listings. Stateless.
 */
public final class RunJudge {
    private RunJudge() {}

    /** The run as the API shows it. */
    public static RunView judged(RunView stored) {
        List<StepView> steps = judgedSteps(stored.scenario(), stored.steps());
        return stored.withJudgement(
                steps, ScalingSeries.of(steps), RunVerdict.of(stored.status(), stored.failure(), steps));
    }

    /** The verdict of a run in {@code status} with these stored steps; null before the run ended. */
    public static RunVerdict verdict(Scenario scenario, RunStatus status, String failure, List<StepView> steps) {
        return RunVerdict.of(status, failure, judgedSteps(scenario, steps));
    }

    private static List<StepView> judgedSteps(Scenario scenario, List<StepView> steps) {
        return scenario == null || scenario.slo() == null
                ? steps
                : steps.stream().map(step -> step.withSlo(slo(scenario, step))).toList();
    }

    /** A search step meets the SLO when it found a knee; any other step by its measured figures. */
    static SloVerdict slo(Scenario scenario, StepView step) {
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
