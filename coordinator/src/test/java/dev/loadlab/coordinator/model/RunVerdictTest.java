package dev.loadlab.coordinator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.coordinator.search.SloVerdict.Outcome;
import dev.loadlab.coordinator.steady.Steadiness;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.scenario.Slo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunVerdictTest {
    private static final Slo SLO = new Slo(100L, 0.01);

    @Test
    void noVerdictBeforeTheRunEnded() {
        assertThat(RunVerdict.of(RunStatus.QUEUED, null, List.of())).isNull();
        assertThat(RunVerdict.of(RunStatus.RUNNING, null, List.of(step(0, StepStatus.SUCCEEDED, false, met()))))
                .isNull();
    }

    @Test
    void passesWhenEveryStepMetTheSlo() {
        RunVerdict verdict = RunVerdict.of(
                RunStatus.SUCCEEDED,
                null,
                List.of(step(0, StepStatus.SUCCEEDED, false, met()), step(1, StepStatus.SUCCEEDED, false, met())));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.reason()).isEqualTo("every step met the SLO");
        assertThat(verdict.steps()).isEmpty();
    }

    @Test
    void passesWithoutAnSloWhenEveryStepIsTrustworthy() {
        RunVerdict verdict =
                RunVerdict.of(RunStatus.SUCCEEDED, null, List.of(step(0, StepStatus.SUCCEEDED, false, null)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.reason()).contains("no SLO");
    }

    @Test
    void failsNamingTheStepsAndRulesThatBroke() {
        SloVerdict broke = new SloVerdict(SLO, false, List.of("p99 250 ms is above the SLO's 100 ms"));
        RunVerdict verdict = RunVerdict.of(
                RunStatus.SUCCEEDED,
                null,
                List.of(step(0, StepStatus.SUCCEEDED, false, met()), step(1, StepStatus.SUCCEEDED, false, broke)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.reason()).isEqualTo("1 step broke the SLO: step 1 (threaded W=2)");
        assertThat(verdict.steps()).singleElement().satisfies(finding -> {
            assertThat(finding.index()).isEqualTo(1);
            assertThat(finding.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(finding.reasons()).containsExactly("p99 250 ms is above the SLO's 100 ms");
        });
    }

    @Test
    void aTrustworthyFailureOutweighsDoubtElsewhere() {
        SloVerdict broke = new SloVerdict(SLO, false, List.of("error rate 5.00% is above the SLO's 1.00%"));
        RunVerdict verdict = RunVerdict.of(
                RunStatus.SUCCEEDED,
                null,
                List.of(
                        step(0, StepStatus.SUCCEEDED, true, inconclusive()),
                        step(1, StepStatus.DEGRADED, false, broke)));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.steps()).extracting(RunVerdict.StepFinding::index).containsExactly(1);
    }

    @Test
    void aGeneratorBoundStepMakesItInconclusive() {
        RunVerdict verdict = RunVerdict.of(
                RunStatus.SUCCEEDED,
                null,
                List.of(
                        step(0, StepStatus.SUCCEEDED, false, met()),
                        step(1, StepStatus.SUCCEEDED, true, inconclusive())));

        assertThat(verdict.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(verdict.reason()).isEqualTo("the figures of 1 step cannot carry a verdict: step 1 (threaded W=2)");
        assertThat(verdict.steps().get(0).reasons())
                .containsExactly("the load generator was the bottleneck (agent-cpu: 1.95 of 2 cores)");
    }

    @Test
    void degradedAndUnsteadyStepsMakeItInconclusiveWithoutAnSloToo() {
        StepView degraded = step(0, StepStatus.DEGRADED, false, null);
        StepView unsteady = step(1, StepStatus.SUCCEEDED, false, null)
                .withSteadiness(
                        new Steadiness(true, "requests/s rose 12 % from the first third to the last", null, null));

        RunVerdict verdict = RunVerdict.of(RunStatus.SUCCEEDED, null, List.of(degraded, unsteady));

        assertThat(verdict.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(verdict.steps()).hasSize(2);
        assertThat(verdict.steps().get(0).reasons()).containsExactly("the step lost agents while it ran (agent-2)");
        assertThat(verdict.steps().get(1).reasons())
                .containsExactly("the measured window was not steady (requests/s rose 12 % from the first third to the"
                        + " last)");
    }

    @Test
    void aFailedOrCancelledRunIsInconclusiveUnlessAStepFailedItsSlo() {
        RunVerdict failed = RunVerdict.of(
                RunStatus.FAILED,
                "the coordinator restarted",
                List.of(step(0, StepStatus.SUCCEEDED, false, met()), step(1, StepStatus.FAILED, false, broken())));
        RunVerdict cancelled = RunVerdict.of(RunStatus.CANCELLED, null, List.of());
        SloVerdict broke = new SloVerdict(SLO, false, List.of("p99 250 ms is above the SLO's 100 ms"));
        RunVerdict failedSlo =
                RunVerdict.of(RunStatus.CANCELLED, null, List.of(step(0, StepStatus.SUCCEEDED, false, broke)));

        assertThat(failed.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(failed.reason())
                .isEqualTo("the run failed (the coordinator restarted) before every step was measured");
        assertThat(failed.steps()).singleElement().satisfies(finding -> assertThat(finding.reasons())
                .containsExactly("the step failed: no agent answered"));
        assertThat(cancelled.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(cancelled.reason()).isEqualTo("the run was cancelled before every step was measured");
        assertThat(failedSlo.outcome()).isEqualTo(Outcome.FAILED);
    }

    private static SloVerdict met() {
        return new SloVerdict(SLO, true, List.of());
    }

    private static SloVerdict inconclusive() {
        return new SloVerdict(
                SLO,
                false,
                Outcome.INCONCLUSIVE,
                List.of("the load generator was the bottleneck, so these figures say nothing about the target"));
    }

    // A failed step's SLO verdict reads "no response was measured": about the run, never the target.
    private static SloVerdict broken() {
        return new SloVerdict(SLO, false, List.of("no response was measured"));
    }

    private static StepView step(int index, StepStatus status, boolean generatorBound, SloVerdict slo) {
        return new StepView(
                index,
                status,
                "threaded",
                2,
                0,
                1.0,
                1,
                null,
                null,
                null,
                null,
                5,
                500,
                0,
                0,
                100,
                new LatencyMs(10, 20, 30, 40, 50, 15.0),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                0L,
                status == StepStatus.DEGRADED ? List.of("agent-2") : List.of(),
                generatorBound,
                generatorBound ? "agent-cpu: 1.95 of 2 cores" : null,
                0.2,
                status == StepStatus.FAILED ? "no agent answered" : null,
                null,
                slo);
    }
}
