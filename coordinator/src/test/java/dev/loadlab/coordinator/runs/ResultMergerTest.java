package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultMergerTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void mergedPercentilesEqualThoseOfOneHistogramHoldingEveryValue() {
        // Three agents with very different latency profiles: averaging their percentiles would be badly wrong.
        Random random = new Random(42);
        Histogram everything = HistogramCodec.newHistogram();
        List<StepResult> results = new ArrayList<>();
        long[][] ranges = {{1, 20}, {15, 60}, {200, 900}};
        int[] counts = {5000, 3000, 200};
        for (int agent = 0; agent < 3; agent++) {
            Histogram mine = HistogramCodec.newHistogram();
            for (int i = 0; i < counts[agent]; i++) {
                long value = ranges[agent][0] + random.nextInt((int) (ranges[agent][1] - ranges[agent][0] + 1));
                mine.recordValue(value);
                everything.recordValue(value);
            }
            results.add(result("a" + agent, T0, T0.plusSeconds(10), 0, "io", counts[agent], mine));
        }

        StepRecord merged = ResultMerger.merge(UUID.randomUUID(), 0, T0, T0, Map.of(), results, Map.of());

        assertThat(LatencyMs.of(merged.histogram())).isEqualTo(LatencyMs.of(everything));
        assertThat(merged.histogram().getTotalCount()).isEqualTo(8200);
        assertThat(LatencyMs.of(merged.byRequest().get(0).histogram())).isEqualTo(LatencyMs.of(everything));
        double averagedP99 = results.stream()
                .mapToLong(r -> LatencyMs.of(
                                HistogramCodec.fromBase64(r.requests().get(0).histogram()))
                        .p99())
                .average()
                .orElseThrow();
        assertThat(averagedP99)
                .isNotEqualTo((double) LatencyMs.of(merged.histogram()).p99());
    }

    @Test
    void sumsCountsPerNameAndKindAndComputesThroughputOverTheWindow() {
        Histogram h = HistogramCodec.newHistogram();
        h.recordValue(10);
        StepResult a = new StepResult(
                "r",
                0,
                "a",
                null,
                T0,
                T0.plusSeconds(10),
                7,
                List.of(
                        new RequestResult("io", 600, 2, Map.of("http_5xx", 2L), HistogramCodec.toBase64(h)),
                        new RequestResult("cpu", 400, 0, Map.of(), HistogramCodec.toBase64(h))));
        StepResult b = new StepResult(
                "r",
                0,
                "b",
                null,
                T0.plusMillis(5),
                T0.plusSeconds(10),
                3,
                List.of(new RequestResult("io", 1000, 1, Map.of("transport", 1L), HistogramCodec.toBase64(h))));
        Map<String, Assignment> assignments =
                Map.of("a", new Assignment("r", 0, null, 2, 17, null), "b", new Assignment("r", 0, null, 2, 16, null));

        StepRecord merged = ResultMerger.merge(UUID.randomUUID(), 0, T0, T0, assignments, List.of(a, b), Map.of());

        assertThat(merged.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(merged.requests()).isEqualTo(2000);
        assertThat(merged.errors()).isEqualTo(3);
        assertThat(merged.warmupRequests()).isEqualTo(10);
        assertThat(merged.errorsByKind()).containsExactlyInAnyOrderEntriesOf(Map.of("http_5xx", 2L, "transport", 1L));
        assertThat(merged.throughputRps()).isEqualTo(200.0);
        assertThat(merged.byRequest()).extracting(RequestRecord::name).containsExactly("cpu", "io");
        assertThat(merged.byRequest().get(1).requests()).isEqualTo(1600);
        assertThat(merged.agents())
                .containsExactly(
                        new AgentShare("a", 17, null, 1000, 2, 7, null),
                        new AgentShare("b", 16, null, 1000, 1, 3, null));
    }

    @Test
    void aMissingOrFailedAgentFailsTheStepAndIsNamed() {
        Histogram h = HistogramCodec.newHistogram();
        StepResult failed = new StepResult("r", 0, "a", "every request failed", T0, T0, 0, List.of());

        StepRecord merged = ResultMerger.merge(
                UUID.randomUUID(), 0, T0, T0, Map.of(), List.of(failed), Map.of("b", "left the cluster"));

        assertThat(merged.status()).isEqualTo(StepStatus.FAILED);
        assertThat(merged.failure()).contains("agent a: every request failed").contains("agent b: left the cluster");
        assertThat(merged.throughputRps()).isZero();
        assertThat(h.getTotalCount()).isZero();
    }

    private static StepResult result(
            String agent, Instant from, Instant to, long warmup, String name, long count, Histogram h) {
        return new StepResult(
                "r",
                0,
                agent,
                null,
                from,
                to,
                warmup,
                List.of(new RequestResult(name, count, 0, Map.of(), HistogramCodec.toBase64(h))));
    }
}
