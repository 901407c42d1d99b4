package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.AgentShare;
import dev.loadlab.coordinator.model.FailureMessage;
import dev.loadlab.coordinator.model.FlowRecord;
import dev.loadlab.coordinator.model.RequestRecord;
import dev.loadlab.coordinator.model.StageRecord;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.search.GeneratorCheck;
import dev.loadlab.coordinator.search.GeneratorRule;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.FlowResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
import dev.loadlab.protocol.scenario.OnAgentLoss;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ResultMergerTest {
    private static final UUID RUN = UUID.randomUUID();

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
            results.add(result("a" + agent, counts[agent], 0, mine, 3L, 0.5, false));
        }

        StepRecord merged = merge(results, StepOutcome.normal());

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
                RUN,
                0,
                0,
                "a",
                null,
                T0,
                T0.plusSeconds(10),
                7,
                List.of(
                        new RequestResult("io", 600, 2, Map.of("http_5xx", 2L), HistogramCodec.toBase64(h)),
                        new RequestResult("cpu", 400, 0, Map.of(), HistogramCodec.toBase64(h))),
                2L,
                0.4,
                false,
                false);
        StepResult b = new StepResult(
                RUN,
                0,
                0,
                "b",
                null,
                T0.plusMillis(5),
                T0.plusSeconds(10),
                3,
                List.of(new RequestResult("io", 1000, 1, Map.of("transport", 1L), HistogramCodec.toBase64(h))),
                7L,
                0.6,
                false,
                false);
        Map<String, Assignment> assignments = Map.of(
                "a", new Assignment(RUN, 0, 0, null, 2, 17, null), "b", new Assignment(RUN, 0, 0, null, 2, 16, null));

        StepRecord merged =
                ResultMerger.merge(UUID.randomUUID(), 0, T0, T0, assignments, List.of(a, b), StepOutcome.normal());

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
        assertThat(merged.health().startSkewMs()).isEqualTo(7);
        assertThat(merged.health().agentCpuShare()).isEqualTo(0.6);
        assertThat(merged.health().generatorBound()).isFalse();
    }

    @Test
    void aLostAgentUnderContinueLeavesADegradedStepThatNamesIt() {
        StepRecord merged = merge(
                List.of(result("a", 100, 0, histogram(5), 1L, 0.3, false)),
                new StepOutcome(Set.of("b"), Map.of(), false, OnAgentLoss.CONTINUE));

        assertThat(merged.status()).isEqualTo(StepStatus.DEGRADED);
        assertThat(merged.health().agentsLost()).containsExactly("b");
        assertThat(merged.requests()).isEqualTo(100);
        assertThat(merged.failure()).contains("lost agent(s) [b]");
    }

    @Test
    void aLostAgentUnderAbortFailsTheStep() {
        StepRecord merged = merge(
                List.of(result("a", 100, 0, histogram(5), 1L, 0.3, false)),
                new StepOutcome(Set.of("b"), Map.of(), false, OnAgentLoss.ABORT));

        assertThat(merged.status()).isEqualTo(StepStatus.FAILED);
        assertThat(merged.failure()).contains("onAgentLoss is abort");
    }

    @Test
    void aCancelledStepKeepsWhatWasMeasured() {
        StepRecord merged = merge(
                List.of(result("a", 40, 0, histogram(5), 1L, 0.3, false)),
                new StepOutcome(Set.of(), Map.of(), true, OnAgentLoss.CONTINUE));

        assertThat(merged.status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(merged.requests()).isEqualTo(40);
    }

    @Test
    void aBusyOrLateGeneratorIsFlaggedWithTheReason() {
        StepRecord busy = merge(
                List.of(
                        result("a", 10, 0, histogram(5), 1L, 0.95, false),
                        result("b", 10, 0, histogram(5), 1L, 0.2, false)),
                StepOutcome.normal());
        StepRecord late = merge(List.of(result("a", 10, 0, histogram(5), 1L, 0.2, true)), StepOutcome.normal());
        StepRecord fine = merge(List.of(result("a", 10, 0, histogram(5), 1L, 0.89, false)), StepOutcome.normal());

        assertThat(busy.health().generatorBound()).isTrue();
        assertThat(busy.health().generatorReason()).contains("agent a averaged 95 % of its cores");
        assertThat(busy.health().rules()).extracting(GeneratorRule::rule).containsExactly(GeneratorCheck.AGENT_CPU);
        assertThat(late.health().generatorBound()).isTrue();
        assertThat(late.health().generatorReason()).contains("fell behind its open-model arrival schedule");
        assertThat(late.health().rules())
                .extracting(GeneratorRule::rule)
                .containsExactly(GeneratorCheck.OPEN_MODEL_BEHIND);
        assertThat(fine.health().generatorBound()).isFalse();
        assertThat(fine.health().rules()).isEmpty();
        // Without the target's usage (known later, in the step driver) the under-loaded verdict is not made here.
        assertThat(fine.health().underLoaded()).isFalse();
    }

    @Test
    void aMissingOrFailedAgentFailsTheStepAndIsNamed() {
        StepResult failed =
                new StepResult(RUN, 0, 0, "a", "every request failed", T0, T0, 0, List.of(), null, null, false, false);

        StepRecord merged = merge(
                List.of(failed), new StepOutcome(Set.of(), Map.of("b", "did not report"), false, OnAgentLoss.CONTINUE));

        assertThat(merged.status()).isEqualTo(StepStatus.FAILED);
        assertThat(merged.failure()).contains("agent a: every request failed").contains("agent b: did not report");
        assertThat(merged.throughputRps()).isZero();
    }

    @Test
    void flowsMergeByNameWithTheirIterationHistogramsAdded() {
        Random random = new Random(7);
        Histogram everyShopper = HistogramCodec.newHistogram();
        List<StepResult> results = new ArrayList<>();
        for (int agent = 0; agent < 3; agent++) {
            Histogram shopper = HistogramCodec.newHistogram();
            for (int i = 0; i < 500 * (agent + 1); i++) {
                long value = 100 + random.nextInt(200 * (agent + 1));
                shopper.recordValue(value);
                everyShopper.recordValue(value);
            }
            List<FlowResult> flows = new ArrayList<>();
            flows.add(new FlowResult("shopper", 500L * (agent + 1), agent, HistogramCodec.toBase64(shopper)));
            if (agent == 1) {
                flows.add(new FlowResult("admin", 4, 1, HistogramCodec.toBase64(histogram(900))));
            }
            results.add(detailed("a" + agent, List.of(), flows, List.of(), Map.of()));
        }

        StepRecord merged = merge(results, StepOutcome.normal());

        assertThat(merged.flows()).extracting(FlowRecord::name).containsExactly("admin", "shopper");
        FlowRecord shopper = merged.flows().get(1);
        assertThat(shopper.completed()).isEqualTo(3000);
        assertThat(shopper.failed()).isEqualTo(3);
        assertThat(shopper.latencyMs()).isEqualTo(LatencyMs.of(everyShopper));
        assertThat(merged.flows().get(0))
                .extracting(FlowRecord::completed, FlowRecord::failed)
                .containsExactly(4L, 1L);
        assertThat(merged.flows().get(0).latencyMs().max()).isEqualTo(900);
    }

    @Test
    void stagesMergeByIndexOverAgentsAndRequestNames() {
        Histogram everyValueOfStage1 = HistogramCodec.newHistogram();
        Histogram a1 = values(10, 20, 30);
        Histogram a2 = values(40);
        Histogram b1 = values(500, 600);
        everyValueOfStage1.add(a1);
        everyValueOfStage1.add(a2);
        everyValueOfStage1.add(b1);
        StepResult a = detailed(
                "a",
                List.of(),
                List.of(),
                List.of(
                        new StageResult(0, 10, List.of(request("login", 5, 1, values(7)))),
                        new StageResult(1, 30, List.of(request("browse", 300, 2, a1), request("read", 100, 0, a2)))),
                Map.of());
        StepResult b = detailed(
                "b",
                List.of(),
                List.of(),
                List.of(new StageResult(1, 29, List.of(request("browse", 200, 3, b1)))),
                Map.of());

        StepRecord merged = merge(List.of(b, a), StepOutcome.normal());

        assertThat(merged.stages()).extracting(StageRecord::index).containsExactly(0, 1);
        StageRecord hold = merged.stages().get(1);
        assertThat(hold.seconds()).isEqualTo(30);
        assertThat(hold.requests()).isEqualTo(600);
        assertThat(hold.errors()).isEqualTo(5);
        assertThat(hold.throughputRps()).isEqualTo(20.0);
        assertThat(hold.latencyMs()).isEqualTo(LatencyMs.of(everyValueOfStage1));
        assertThat(merged.stages().get(0).requests()).isEqualTo(5);
        assertThat(merged.stages().get(0).throughputRps()).isEqualTo(0.5);
    }

    @Test
    void failedChecksAreSummedPerRequestAndLabel() {
        StepResult a = detailed("a", List.of(), List.of(), List.of(), Map.of("status", 3L, "jsonPath($.sku)", 2L));
        StepResult b = detailed("b", List.of(), List.of(), List.of(), Map.of("status", 4L, "save(id)", 1L));

        StepRecord merged = merge(List.of(a, b), StepOutcome.normal());

        assertThat(merged.byRequest()).hasSize(1);
        assertThat(merged.byRequest().get(0).failedChecks())
                .containsExactlyInAnyOrderEntriesOf(Map.of("status", 7L, "jsonPath($.sku)", 2L, "save(id)", 1L));
    }

    @Test
    void failureMessagesAreTheDistinctUnionBoundedAndCountTheAgentsThatReportedEach() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < StepResult.MAX_FAILURE_MESSAGES; i++) {
            many.add("read: jsonPath($.sku): expected \"a" + i + "\", found \"b\"");
        }
        List<StepResult> results = new ArrayList<>();
        results.add(detailed("a", many, List.of(), List.of(), Map.of()));
        results.add(detailed("b", many, List.of(), List.of(), Map.of()));
        // c says the same first thing, then its own; d repeats itself and sends one too long.
        List<String> own = new ArrayList<>(List.of(many.get(0)));
        for (int i = 0; i < StepResult.MAX_FAILURE_MESSAGES - 1; i++) {
            own.add("create: status: expected [201], found " + (500 + i));
        }
        results.add(detailed("c", own, List.of(), List.of(), Map.of()));
        String tooLong = "x".repeat(StepResult.MAX_FAILURE_MESSAGE_LENGTH + 50);
        results.add(detailed(
                "d", List.of("dataset shoppers ran out after 12 rows", tooLong), List.of(), List.of(), Map.of()));

        StepRecord merged = merge(results, StepOutcome.normal());

        List<FailureMessage> messages = merged.failureMessages();
        assertThat(messages).hasSize(StepRecord.MAX_FAILURE_MESSAGES);
        assertThat(messages).extracting(FailureMessage::message).doesNotHaveDuplicates();
        assertThat(messages.get(0)).isEqualTo(new FailureMessage(many.get(0), 3));
        // Round-robin over the agents: c's and d's own reasons make the cut although a's list alone would fill it.
        assertThat(messages)
                .extracting(FailureMessage::message)
                .contains(
                        own.get(1),
                        "dataset shoppers ran out after 12 rows",
                        "x".repeat(StepResult.MAX_FAILURE_MESSAGE_LENGTH));
        assertThat(messages)
                .filteredOn(m -> m.message().equals(many.get(1)))
                .containsExactly(new FailureMessage(many.get(1), 2));
        assertThat(messages).allSatisfy(m -> assertThat(m.message())
                .hasSizeLessThanOrEqualTo(StepResult.MAX_FAILURE_MESSAGE_LENGTH));
    }

    @Test
    void aV1ResultMergesToNoFlowsStagesOrMessages() {
        StepRecord merged = merge(List.of(result("a", 10, 0, histogram(5), 1L, 0.2, false)), StepOutcome.normal());

        assertThat(merged.flows()).isEmpty();
        assertThat(merged.stages()).isEmpty();
        assertThat(merged.failureMessages()).isEmpty();
        assertThat(merged.byRequest().get(0).failedChecks()).isEmpty();
    }

    private static Histogram values(long... values) {
        Histogram h = HistogramCodec.newHistogram();
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    private static RequestResult request(String name, long count, long errors, Histogram h) {
        return new RequestResult(name, count, errors, Map.of(), HistogramCodec.toBase64(h));
    }

    private static StepResult detailed(
            String agent,
            List<String> messages,
            List<FlowResult> flows,
            List<StageResult> stages,
            Map<String, Long> failedChecks) {
        long checks = failedChecks.values().stream().mapToLong(Long::longValue).sum();
        return new StepResult(
                RUN,
                0,
                0,
                agent,
                null,
                T0,
                T0.plusSeconds(40),
                0,
                List.of(new RequestResult(
                        "read",
                        100,
                        checks,
                        checks == 0 ? Map.of() : Map.of("check", checks),
                        HistogramCodec.toBase64(histogram(5)),
                        failedChecks)),
                1L,
                0.2,
                false,
                false,
                messages,
                flows,
                stages);
    }

    private static StepRecord merge(List<StepResult> results, StepOutcome outcome) {
        return ResultMerger.merge(UUID.randomUUID(), 0, T0, T0, Map.of(), results, outcome);
    }

    private static Histogram histogram(long value) {
        Histogram h = HistogramCodec.newHistogram();
        h.recordValue(value);
        return h;
    }

    private static StepResult result(
            String agent, long count, long warmup, Histogram h, Long skew, double cpu, boolean behind) {
        return new StepResult(
                RUN,
                0,
                0,
                agent,
                null,
                T0,
                T0.plusSeconds(10),
                warmup,
                List.of(new RequestResult("io", count, 0, Map.of(), HistogramCodec.toBase64(h))),
                skew,
                cpu,
                behind,
                false);
    }
}
