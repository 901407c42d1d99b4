package dev.loadlab.coordinator.export;

import dev.loadlab.coordinator.model.RequestView;
import dev.loadlab.coordinator.model.RunJudge;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A judged run with known figures for the writers' tests: three steps against an SLO of p99 <= 100 ms and at most 1 %
 * errors; step 0 meets it, step 1 breaks p99 (150 ms), step 2 is generator-bound (inconclusive). Each step has two
 * request names, one of them hostile to CSV and XML.
 */
final class ExportFixtures {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final String HOSTILE = "a,\"b\"\nc <&> 'd'";

    private ExportFixtures() {}

    static RunView run() {
        Scenario scenario = Json.read("""
                {"name": "export <&\\"> test", "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "read", "path": "/hello"}]},
                 "load": {"model": "closed", "users": 4, "warmup": "1s", "duration": "10s"},
                 "slo": {"p99Ms": 100, "errorRate": 0.01}}
                """, Scenario.class);
        List<StepView> steps = List.of(step(0, 40, false), step(1, 150, false), step(2, 40, true));
        RunView stored = new RunView(
                "run-1",
                scenario.name(),
                null,
                Map.of(),
                RunStatus.SUCCEEDED,
                T0,
                T0,
                T0.plusSeconds(40),
                null,
                null,
                scenario,
                steps,
                null,
                null,
                null,
                RunView.MEASUREMENT);
        return RunJudge.judged(stored);
    }

    private static StepView step(int index, long p99, boolean generatorBound) {
        LatencyMs latency = new LatencyMs(10, 20, p99, p99, p99 + 5, 12.5);
        Map<String, RequestView> byRequest = new LinkedHashMap<>();
        byRequest.put("read", new RequestView(600, 1, Map.of("http_5xx", 1L), latency));
        byRequest.put(HOSTILE, new RequestView(400, 0, Map.of(), new LatencyMs(5, 6, 7, 8, 9, 5.5)));
        Instant start = T0.plusSeconds(12L * index);
        return new StepView(
                index,
                StepStatus.SUCCEEDED,
                "threaded",
                index + 1,
                0,
                null,
                1,
                start,
                start.plusSeconds(11),
                start.plusSeconds(1),
                start.plusSeconds(11),
                10,
                1000,
                1,
                100,
                100.0,
                latency,
                Map.of("http_5xx", 1L),
                byRequest,
                List.of(),
                null,
                0L,
                List.of(),
                generatorBound,
                generatorBound ? "agent-cpu: 95% of 2 cores" : null,
                0.3,
                null,
                null,
                null);
    }
}
