package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.search.GeneratorCheck;
import dev.loadlab.coordinator.search.GeneratorRule;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GeneratorHealthTest {
    private static final UUID RUN = UUID.fromString("00000000-0000-4000-8000-000000000012");
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static StepResult result(String agent, double cpuShare, Double machineShare, int cores) {
        return new StepResult(
                RUN,
                0,
                0,
                agent,
                null,
                T0,
                T0.plusSeconds(10),
                0,
                List.of(new RequestResult(
                        "hello", 100, 0, Map.of(), HistogramCodec.toBase64(HistogramCodec.newHistogram()))),
                1L,
                cpuShare,
                false,
                false,
                null,
                null,
                null,
                machineShare,
                cores);
    }

    /** The step as merged, with the target host's usage: its cores and its own capacity figure. */
    private static StepRecord merged(List<StepResult> results, StepPlan plan, double targetCores, double capacity) {
        return ResultMerger.merge(RUN, 0, T0, T0.plusSeconds(11), Map.of(), results, StepOutcome.normal())
                .with(plan, new TargetUsage(targetCores, 1_000_000, List.of(), 20, null, capacity));
    }

    @Test
    void anAgentSharingTheMachineWithATargetBelowItsWorkersCapacityIsTheLimit() {
        List<StepResult> results = List.of(result("a-1", 0.59, 0.7, 2));
        StepPlan plan = new StepPlan(0, "multi-process", 2);
        Load load = new Load(LoadModel.CLOSED, 64, null, Duration.ZERO, Duration.ofSeconds(10));

        StepRecord judged = GeneratorHealth.judge(merged(results, plan, 0.95, 2.0), results, load);

        assertThat(judged.health().generatorBound()).isTrue();
        assertThat(judged.health().rules())
                .extracting(GeneratorRule::rule)
                .containsExactly(GeneratorCheck.AGENT_HALF_MACHINE);
        assertThat(judged.health().generatorReason())
                .isEqualTo("agent a-1 used 59 % of its 2 cores (limit 50 %) while the target used 0.95 of its 2.0"
                        + " cores");
        assertThat(judged.health().agentCpuShare()).isEqualTo(0.59);
        assertThat(judged.health().underLoaded()).isFalse();
    }

    @Test
    void aClosedModelWithFewerUsersThanWorkersIsUnderLoadedNotGeneratorBound() {
        List<StepResult> results = List.of(result("a-1", 0.3, 0.4, 2));
        StepPlan plan = new StepPlan(0, "multi-process", 4);
        Load load = new Load(LoadModel.CLOSED, 1, null, Duration.ZERO, Duration.ofSeconds(10));

        StepRecord judged = GeneratorHealth.judge(merged(results, plan, 0.2, 2.0), results, load);

        assertThat(judged.health().underLoaded()).isTrue();
        assertThat(judged.health().underLoadedReason()).startsWith("1 user for 4 workers");
        assertThat(judged.health().generatorBound()).isFalse();
    }

    @Test
    void anOpenModelIsNeverUnderLoaded() {
        List<StepResult> results = List.of(result("a-1", 0.1, 0.2, 2));
        StepPlan plan = new StepPlan(0, "threaded-gil", 8);
        Load load = new Load(LoadModel.OPEN, null, 50.0, Duration.ZERO, Duration.ofSeconds(10));

        StepRecord judged = GeneratorHealth.judge(merged(results, plan, 0.4, 1.0), results, load);

        assertThat(judged.health().underLoaded()).isFalse();
        assertThat(judged.health().generatorBound()).isFalse();
    }
}
