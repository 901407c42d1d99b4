package dev.loadlab.coordinator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.search.SloVerdict;
import dev.loadlab.coordinator.steady.SteadinessCheck;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunJudgeTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void judgingAStepAgainstTheSloKeepsItsFailedChecksMessagesFlowsAndStages() {
        Scenario scenario = Json.read("""
                {"name": "shop", "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"flows": [{"name": "shopper", "steps": [{"name": "read", "path": "/items/1"}]}]},
                 "load": {"model": "closed", "stages": [{"users": 20, "ramp": "10s"}, {"users": 20, "hold": "30s"}]},
                 "slo": {"p99Ms": 100, "errorRate": 0.01}}
                """, Scenario.class);
        List<FailureMessage> messages = List.of(new FailureMessage("read: status: expected [200], found 503", 2));
        List<FlowView> flows =
                List.of(new FlowView("shopper", 70, 2.0, 4, new FlowView.IterationMs(500, 600, 2000, 2000, 875.0)));
        List<StageView> stages = List.of(new StageView(
                1,
                20,
                null,
                null,
                Duration.ofSeconds(30),
                30,
                600,
                9,
                20.0,
                new StageView.ResponseMs(20, 30, 900, 900)));
        LatencyMs latency = new LatencyMs(20, 30, 150, 900, 900, 40.0);
        StepView step = new StepView(
                0,
                StepStatus.SUCCEEDED,
                null,
                null,
                0,
                null,
                2,
                T0,
                T0.plusSeconds(41),
                T0.plusSeconds(5),
                T0.plusSeconds(40),
                35,
                630,
                9,
                200,
                18.0,
                latency,
                Map.of("check", 9L),
                Map.of("read", new RequestView(630, 9, Map.of("check", 9L), latency, Map.of("status", 5L))),
                List.of(),
                null,
                2L,
                List.of(),
                false,
                null,
                0.3,
                null,
                null,
                null,
                messages,
                flows,
                stages);
        RunView stored = new RunView(
                "r",
                "shop",
                null,
                Map.of(),
                RunStatus.SUCCEEDED,
                T0,
                T0,
                T0.plusSeconds(41),
                null,
                null,
                scenario,
                List.of(step),
                null,
                null,
                null,
                RunView.MEASUREMENT);

        StepView shown = RunJudge.judged(stored).steps().get(0);

        assertThat(shown.slo().met()).isFalse();
        assertThat(shown.slo().reasons())
                .anySatisfy(reason -> assertThat(reason).contains("p99"));
        assertThat(shown.failureMessages()).isEqualTo(messages);
        assertThat(shown.flows()).isEqualTo(flows);
        assertThat(shown.stages()).isEqualTo(stages);
        assertThat(shown.byRequest().get("read").failedChecks()).containsEntry("status", 5L);
    }

    @Test
    void anUnsteadyStepsSloVerdictIsInconclusiveRatherThanPassed() {
        Scenario scenario = Json.read("""
                {"name": "steady", "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=5"}]},
                 "load": {"model": "closed", "users": 16, "warmup": "2s", "duration": "10s"},
                 "slo": {"p99Ms": 1000, "errorRate": 0.01}}
                """, Scenario.class);
        LatencyMs latency = new LatencyMs(20, 30, 150, 200, 200, 40.0);
        StepView steady = new StepView(
                0,
                StepStatus.SUCCEEDED,
                null,
                null,
                0,
                null,
                1,
                T0,
                T0.plusSeconds(12),
                T0.plusSeconds(2),
                T0.plusSeconds(12),
                10,
                3000,
                0,
                600,
                300.0,
                latency,
                Map.of(),
                Map.of(),
                List.of(),
                null,
                2L,
                List.of(),
                false,
                null,
                0.3,
                null,
                null,
                null);
        StepView drifted = steady.withSteadiness(
                SteadinessCheck.judge(new double[] {270, 275, 282, 290, 296, 303, 310, 318, 322, 330}, null));
        RunView stored = new RunView(
                "r",
                "steady",
                null,
                Map.of(),
                RunStatus.SUCCEEDED,
                T0,
                T0,
                T0.plusSeconds(30),
                null,
                null,
                scenario,
                List.of(steady, drifted),
                null,
                null,
                null,
                RunView.MEASUREMENT);

        List<StepView> shown = RunJudge.judged(stored).steps();

        assertThat(shown.get(0).slo().outcome()).isEqualTo(SloVerdict.Outcome.PASSED);
        assertThat(shown.get(1).unsteady()).isTrue();
        assertThat(shown.get(1).slo().met()).isFalse();
        assertThat(shown.get(1).slo().outcome()).isEqualTo(SloVerdict.Outcome.INCONCLUSIVE);
        assertThat(shown.get(1).slo().reasons())
                .singleElement()
                .asString()
                .startsWith("the measured window was not steady (throughput drifted +");
        assertThat(Json.write(shown.get(1)))
                .contains("\"steadiness\":{\"unsteady\":true")
                .contains("\"outcome\":\"inconclusive\"");
    }

    @Test
    void aRunShowsTheConnectionBehaviourItsStepsWereMeasuredWith() {
        Scenario chosen = Json.read("""
                {"name": "c", "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "a", "path": "/a"}]},
                 "load": {"model": "open", "rate": 5, "duration": "5s", "connections": "close-each"}}
                """, Scenario.class);
        Scenario defaulted = Json.read("""
                {"name": "d", "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "a", "path": "/a"}]},
                 "load": {"model": "closed", "users": 2, "duration": "5s"}}
                """, Scenario.class);

        assertThat(Json.write(RunJudge.judged(stored(chosen)))).contains("\"connections\":\"close-each\"");
        assertThat(RunJudge.judged(stored(defaulted)).connections()).isEqualTo("per-user");
        assertThat(Json.write(RunJudge.judged(stored(defaulted)))).contains("\"connections\":\"per-user\"");
        assertThat(RunView.MEASUREMENT.get("connections")).contains("per-user").contains("close-each");
    }

    private static RunView stored(Scenario scenario) {
        return new RunView(
                "r",
                scenario.name(),
                null,
                Map.of(),
                RunStatus.SUCCEEDED,
                T0,
                T0,
                T0.plusSeconds(6),
                null,
                null,
                scenario,
                List.of(),
                null,
                null,
                null,
                RunView.MEASUREMENT);
    }

    @Test
    void aV1RequestShowsAnEmptyFailedChecksMap() {
        String json = Json.write(new RequestView(1, 0, Map.of(), LatencyMs.EMPTY));

        assertThat(json).contains("\"failedChecks\":{}");
    }
}
