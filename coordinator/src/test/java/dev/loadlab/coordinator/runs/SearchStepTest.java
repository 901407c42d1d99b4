package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.StepHealth;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Slo;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SearchStepTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final StepPlan PLAN = new StepPlan(0, "threaded", 2);
    private static final Scenario SCENARIO = new Scenario(
            "knee",
            new Target("http://127.0.0.1:9000"),
            new Workload(List.of(new RequestSpec("io", "GET", "/io?ms=20", 1))),
            new Load(LoadModel.SEARCH, null, 25.0, Duration.ofSeconds(1), Duration.ofSeconds(2), 1000.0, 0.1, 10),
            1,
            null,
            null,
            new Slo(100L, 0.01));

    private final SearchStep search = new SearchStep(SCENARIO, T0);

    @Test
    void probesRunAsPlainOpenLoadsAndTheFinishedStepCarriesTheKneeProbesFigures() {
        assertThat(search.nextProbe()).isEqualTo(1);
        Scenario first = search.probeScenario(SCENARIO);
        assertThat(first.load())
                .isEqualTo(new Load(LoadModel.OPEN, null, 25.0, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(first.workload()).isEqualTo(SCENARIO.workload());

        // A target of capacity 60/s: passes up to 60, fails above.
        SearchStep.Next next = null;
        while (next == null || next.finished() == null) {
            int probe = search.nextProbe();
            double rate = search.probeScenario(SCENARIO).load().rate();
            next = search.onProbeDone(
                    probe, rate, record(StepStatus.SUCCEEDED, rate, rate <= 60 ? 30 : 500), false, T0.plusSeconds(60));
            assertThat(next.judged().passed()).isEqualTo(rate <= 60);
        }

        StepRecord step = next.finished();
        assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step.startedAt()).isEqualTo(T0);
        assertThat(step.finishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(step.search().kneeRateRps()).isBetween(54.0, 60.0);
        assertThat(step.throughputRps()).isEqualTo(step.search().kneeRateRps());
        assertThat(step.search().probes()).extracting(p -> p.rateRps()).startsWith(25.0, 50.0, 100.0, 75.0);
    }

    @Test
    void aCancelledProbeEndsTheSearchCancelledUnjudgedWithTheEarlierProbesKept() {
        search.onProbeDone(1, 25, record(StepStatus.SUCCEEDED, 25, 30), false, T0);

        SearchStep.Next next = search.onProbeDone(2, 50, record(StepStatus.SUCCEEDED, 12, 30), true, T0.plusSeconds(9));

        assertThat(next.judged()).isNull();
        assertThat(next.finished().status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(next.finished().throughputRps()).isEqualTo(12.0);
        assertThat(next.finished().search().probes()).hasSize(1);
        assertThat(next.finished().search().kneeRateRps()).isEqualTo(25.0);
        assertThat(next.finished().search().note()).startsWith("the run was cancelled during probe 2 at 50.0/s");
    }

    @Test
    void aFailedProbeEndsTheSearchFailedWithItsFailure() {
        StepRecord failed = ResultMerger.notStarted(UUID.randomUUID(), PLAN, T0, T0, "agent a1 is busy", false);

        SearchStep.Next next = search.onProbeDone(1, 25, failed, false, T0.plusSeconds(3));

        assertThat(next.finished().status()).isEqualTo(StepStatus.FAILED);
        assertThat(next.finished().failure()).isEqualTo("agent a1 is busy");
        assertThat(next.finished().search().kneeRateRps()).isNull();
        assertThat(next.finished().search().note())
                .isEqualTo("probe 1 at 25.0/s failed: agent a1 is busy; the search stopped there");
    }

    private static StepRecord record(StepStatus status, double throughput, long latencyMs) {
        Histogram histogram = HistogramCodec.newHistogram();
        long requests = Math.round(throughput * 2);
        histogram.recordValueWithCount(latencyMs, Math.max(1, requests));
        return new StepRecord(
                UUID.randomUUID(),
                0,
                status,
                T0,
                T0.plusSeconds(3),
                T0.plusSeconds(1),
                T0.plusSeconds(3),
                requests,
                0,
                0,
                throughput,
                Map.of(),
                histogram,
                List.of(),
                List.of(),
                null,
                PLAN,
                null,
                StepHealth.UNKNOWN,
                null);
    }
}
