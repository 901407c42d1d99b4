package dev.loadlab.coordinator.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.RunRef;
import dev.loadlab.coordinator.model.RunSteps;
import dev.loadlab.coordinator.model.StepMetrics;
import dev.loadlab.protocol.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching by (profile, workers, request name, repeat), and the report built from the matches. */
class StepMatcherTest {
    private static final double[] FLAT = {100, 100, 100, 100, 100};

    static StepMetrics step(int index, String profile, Integer workers, String request) {
        return step(index, profile, workers, 0, request, 100, FLAT);
    }

    static StepMetrics step(
            int index, String profile, Integer workers, int repeat, String request, double rps, double[] samples) {
        return new StepMetrics(index, "SUCCEEDED", false, profile, workers, repeat, request, rps, 5, 20, 0.01, samples);
    }

    @Test
    void stepsMatchByProfileWorkersAndRequestName() {
        List<StepMetrics> baseline = List.of(
                step(0, "async", 1, "all"),
                step(0, "async", 1, "cpu"),
                step(1, "async", 2, "all"),
                step(2, "threaded", 4, "all"));
        List<StepMetrics> candidate = List.of(
                step(0, "async", 2, "all"),
                step(1, "async", 1, "all"),
                step(1, "async", 1, "io"),
                step(2, "green", 4, "all"));

        StepMatcher.Matching matching = StepMatcher.match(baseline, candidate);

        assertThat(matching.matched())
                .extracting(p -> p.baseline().stepIndex() + "->" + p.candidate().stepIndex() + " "
                        + p.baseline().request())
                .containsExactly("0->1 all", "1->0 all");
        assertThat(matching.onlyInBaseline())
                .extracting(s -> s.profile() + "/" + s.workers() + "/" + s.request())
                .containsExactly("async/1/cpu", "threaded/4/all");
        assertThat(matching.onlyInCandidate())
                .extracting(s -> s.profile() + "/" + s.workers() + "/" + s.request())
                .containsExactly("async/1/io", "green/4/all");
    }

    @Test
    void plainRunsMatchOnNullProfileAndWorkers() {
        StepMatcher.Matching matching = StepMatcher.match(
                List.of(step(0, null, null, "all"), step(0, null, null, "hello")),
                List.of(step(0, null, null, "all"), step(0, null, null, "hello")));

        assertThat(matching.matched()).hasSize(2);
        assertThat(matching.onlyInBaseline()).isEmpty();
        assertThat(matching.onlyInCandidate()).isEmpty();
    }

    @Test
    void aPlainStepDoesNotMatchAProfiledOne() {
        StepMatcher.Matching matching =
                StepMatcher.match(List.of(step(0, null, null, "all")), List.of(step(0, "async", 1, "all")));

        assertThat(matching.matched()).isEmpty();
        assertThat(matching.onlyInBaseline()).hasSize(1);
        assertThat(matching.onlyInCandidate()).hasSize(1);
    }

    @Test
    void repeatsOfTheSameShapeMatchInOrder() {
        StepMatcher.Matching matching = StepMatcher.match(
                List.of(step(0, "async", 1, 0, "all", 100, FLAT), step(1, "async", 1, 1, "all", 100, FLAT)),
                List.of(step(3, "async", 1, 0, "all", 100, FLAT)));

        assertThat(matching.matched()).singleElement().satisfies(p -> {
            assertThat(p.baseline().stepIndex()).isZero();
            assertThat(p.candidate().stepIndex()).isEqualTo(3);
        });
        assertThat(UnmatchedStep.of(matching.onlyInBaseline().get(0)).repeat()).isEqualTo(1);
    }

    @Test
    void theReportCarriesValuesDeltasVerdictsAndTheMethod() {
        RunRef a = new RunRef("a", "sweep", "SUCCEEDED", Instant.parse("2026-11-01T10:00:00Z"));
        RunRef b = new RunRef("b", "sweep", "SUCCEEDED", Instant.parse("2026-11-02T10:00:00Z"));
        double[] base = {100, 102, 98, 101, 99, 100, 103, 97};
        double[] better = {120, 118, 122, 121, 119, 117, 123, 120};
        RunSteps baseline = new RunSteps(
                a,
                List.of(step(0, "async", 1, 0, "all", 100, base), step(1, "async", 2, 0, "all", 200, new double[2])));
        RunSteps candidate = new RunSteps(
                b,
                List.of(
                        step(0, "async", 1, 0, "all", 120, better),
                        step(1, "async", 2, 0, "all", 200, FLAT),
                        step(2, "async", 4, 0, "all", 300, FLAT)));

        CompareReport report = CompareService.compare(baseline, candidate);

        assertThat(report.method()).startsWith("Welch's t-test (Apache Commons Statistics)");
        assertThat(report.minEffect()).isEqualTo(0.05);
        assertThat(report.correction()).startsWith("Holm");
        assertThat(report.steps()).hasSize(2);
        StepComparison first = report.steps().get(0);
        assertThat(first.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(first.throughputRps()).isEqualTo(new MetricDelta(100, 120, 20, 20.0));
        assertThat(first.p50Ms()).isEqualTo(new MetricDelta(5, 5, 0, 0.0));
        assertThat(first.test().pValue()).isLessThan(0.05);
        StepComparison second = report.steps().get(1);
        assertThat(second.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(second.reason()).contains("has 2 and the candidate 5 batches of 1 s", "at least 3");
        assertThat(report.onlyInBaseline()).isEmpty();
        assertThat(report.onlyInCandidate()).singleElement().satisfies(u -> {
            assertThat(u.stepIndex()).isEqualTo(2);
            assertThat(u.workers()).isEqualTo(4);
        });

        String json = Json.write(report);
        assertThat(json)
                .contains("\"verdict\":\"improved\"", "\"verdict\":\"insufficient data\"", "\"pValue\":")
                .doesNotContain("\"repeat\"");
    }

    @Test
    void relativeDeltaIsAbsentForAZeroBaseline() {
        assertThat(MetricDelta.of(0, 0.02, 6)).isEqualTo(new MetricDelta(0, 0.02, 0.02, null));
        assertThat(MetricDelta.of(80, 100, 2).deltaPercent()).isEqualTo(25.0);
        assertThat(MetricDelta.of(100.1, 120.3, 2).delta()).isEqualTo(20.2);
    }
}
