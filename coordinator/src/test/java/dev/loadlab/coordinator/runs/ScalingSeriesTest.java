package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.ScalingSeries;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.search.SearchOutcome;
import dev.loadlab.coordinator.steady.Steadiness;
import dev.loadlab.coordinator.steady.SteadinessCheck;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.scenario.Slo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingSeriesTest {
    @Test
    void pointsAreMediansOverRepeatsPerProfileAndWorkerCountInOrder() {
        List<StepView> steps = List.of(
                step(0, "threaded-gil", 1, 0, StepStatus.SUCCEEDED, 100, 20, 1.0),
                step(1, "threaded-gil", 1, 1, StepStatus.SUCCEEDED, 120, 30, 1.1),
                step(2, "threaded-gil", 1, 2, StepStatus.SUCCEEDED, 90, 25, 0.9),
                step(3, "threaded-gil", 2, 0, StepStatus.SUCCEEDED, 105, 40, 1.0),
                step(4, "threaded", 1, 0, StepStatus.SUCCEEDED, 101, 21, 1.0),
                step(5, "threaded", 2, 0, StepStatus.FAILED, 0, 0, null));

        List<ScalingSeries> series = ScalingSeries.of(steps);

        assertThat(series).extracting(ScalingSeries::profile).containsExactly("threaded-gil", "threaded");
        ScalingSeries.Point first = series.get(0).points().get(0);
        assertThat(first.workers()).isEqualTo(1);
        assertThat(first.repeats()).isEqualTo(3);
        assertThat(first.throughputRps()).isEqualTo(100.0);
        assertThat(first.p99Ms()).isEqualTo(25);
        assertThat(first.targetCpuCores()).isEqualTo(1.0);
        assertThat(first.throughputRpsByRepeat()).containsExactly(100.0, 120.0, 90.0);
        assertThat(series.get(0).points())
                .extracting(ScalingSeries.Point::workers)
                .containsExactly(1, 2);
        assertThat(series.get(1).points()).as("failed steps are left out").hasSize(1);
    }

    @Test
    void withRepeatsAPointCarriesTheirSpreadAMonotoneDriftAndWhetherOneWasUnsteady() {
        Steadiness drifted = SteadinessCheck.judge(new double[] {282, 290, 300, 320, 330, 342}, null);
        List<StepView> steps = List.of(
                step(0, "threaded", 2, 0, StepStatus.SUCCEEDED, 282, 20, 1.0).withSteadiness(drifted),
                step(1, "threaded", 2, 1, StepStatus.SUCCEEDED, 290, 20, 1.0),
                step(2, "threaded", 2, 2, StepStatus.SUCCEEDED, 325, 20, 1.0),
                step(3, "threaded", 4, 0, StepStatus.SUCCEEDED, 340, 20, 1.9),
                step(4, "threaded", 4, 1, StepStatus.SUCCEEDED, 336, 20, 1.9),
                step(5, "threaded", 4, 2, StepStatus.SUCCEEDED, 343, 20, 1.9),
                step(6, "threaded", 8, 0, StepStatus.SUCCEEDED, 350, 20, 1.9));

        List<ScalingSeries.Point> points = ScalingSeries.of(steps).get(0).points();

        assertThat(drifted.unsteady()).isTrue();
        assertThat(points.get(0).repeatability().monotoneDrift()).isTrue();
        assertThat(points.get(0).repeatability().note())
                .startsWith("throughput rose across the repeats (282, 290, 325");
        assertThat(points.get(0).unsteady()).isTrue();
        assertThat(points.get(1).repeatability().monotoneDrift()).isFalse();
        assertThat(points.get(1).repeatability().cv()).isLessThan(0.02);
        assertThat(points.get(1).unsteady()).isFalse();
        assertThat(points.get(2).repeatability()).as("one repeat has no spread").isNull();
    }

    @Test
    void aPlainRunIsOneSeriesNamedAsIs() {
        List<ScalingSeries> series =
                ScalingSeries.of(List.of(step(0, null, null, 0, StepStatus.DEGRADED, 50, 10, null)));

        assertThat(series).hasSize(1);
        assertThat(series.get(0).profile()).isEqualTo("as-is");
        assertThat(series.get(0).points().get(0).targetCpuCores()).isNull();
    }

    @Test
    void aSearchPointCarriesTheMedianKneeOfTheRepeatsThatFoundOne() {
        Slo slo = new Slo(100L, 0.01);
        SearchOutcome none = new SearchOutcome(null, null, "no probed rate met the SLO", slo, List.of());
        List<StepView> steps = List.of(
                searched(0, 0, new SearchOutcome(90.0, 3, "converged", slo, List.of())),
                searched(1, 1, new SearchOutcome(100.0, 4, "converged", slo, List.of())),
                searched(2, 2, none),
                searched(3, 3, new SearchOutcome(96.0, 4, "converged", slo, List.of())));

        ScalingSeries.Point point = ScalingSeries.of(steps).get(0).points().get(0);

        assertThat(point.kneeRateRps()).isEqualTo(96.0);
        assertThat(ScalingSeries.of(List.of(searched(0, 0, none)))
                        .get(0)
                        .points()
                        .get(0)
                        .kneeRateRps())
                .isNull();
        assertThat(ScalingSeries.of(List.of(step(0, "threaded", 2, 0, StepStatus.SUCCEEDED, 1, 1, null)))
                        .get(0)
                        .points()
                        .get(0)
                        .kneeRateRps())
                .isNull();
    }

    private static StepView searched(int index, int repeat, SearchOutcome search) {
        return step(index, "threaded", 2, repeat, StepStatus.SUCCEEDED, 90, 30, 1.0, search);
    }

    private static StepView step(
            int index,
            String profile,
            Integer workers,
            int repeat,
            StepStatus status,
            double rps,
            long p99,
            Double cores) {
        return step(index, profile, workers, repeat, status, rps, p99, cores, null);
    }

    private static StepView step(
            int index,
            String profile,
            Integer workers,
            int repeat,
            StepStatus status,
            double rps,
            long p99,
            Double cores,
            SearchOutcome search) {
        return new StepView(
                index,
                status,
                profile,
                workers,
                repeat,
                cores,
                1,
                null,
                null,
                null,
                null,
                10,
                100,
                0,
                0,
                rps,
                new LatencyMs(p99 / 2, p99, p99, p99, p99, p99 / 2.0),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                0L,
                List.of(),
                false,
                null,
                0.2,
                null,
                search,
                null);
    }
}
