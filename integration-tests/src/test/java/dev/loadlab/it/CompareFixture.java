package dev.loadlab.it;

import dev.loadlab.coordinator.db.RunStore;
import dev.loadlab.coordinator.db.StepStore;
import dev.loadlab.coordinator.model.RequestRecord;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.StepHealth;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepStatus;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Runs for {@link CompareIT}, stored through the application's own code ({@link RunStore#insertRun},
 * {@link StepStore#storeStep}, {@link StepStore#storeSecond}) with known differences between a baseline and a
 * candidate run, plus later and unrelated runs for the trend. Not thread-safe; one per test class.
 */
final class CompareFixture {
    private final RunStore runs;
    private final StepStore steps;
    private final String name;
    private final Instant t0;

    UUID baseline;
    UUID candidate;
    UUID later;

    CompareFixture(RunStore runs, StepStore timeline, String name, Instant t0) {
        this.runs = runs;
        this.steps = timeline;
        this.name = name;
        this.t0 = t0;
    }

    /** Per-second throughput around {@code level}: ten measured seconds, deterministic spread of +-5%. */
    private static long[] around(double level) {
        long[] samples = new long[10];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Math.round(level * (1 + (((i * 7) % 11) - 5) / 100.0));
        }
        return samples;
    }

    void storeRuns() {
        baseline = UUID.randomUUID();
        runs.insertRun(baseline, scenario(name), null, Map.of(), t0);
        store(baseline, 0, "async", 1, around(100), 10, 1, 10, 40, false);
        store(baseline, 1, "async", 2, around(200), 10, 2, 10, 40, false);
        store(baseline, 2, "threaded", 2, around(150), 10, 0, 10, 40, false);
        store(baseline, 3, "green", 1, new long[] {90, 95, 100}, 10, 0, 10, 40, false);
        store(baseline, 4, "multi-process", 1, around(50), 10, 0, 10, 40, true);

        candidate = UUID.randomUUID();
        runs.insertRun(candidate, scenario(name), null, Map.of(), t0.plus(Duration.ofDays(1)));
        store(candidate, 0, "async", 1, around(120), 10, 0, 8, 30, false);
        // The same seconds in another order, behind a very different warm-up that must not count.
        store(candidate, 1, "async", 2, reversed(around(200)), 5000, 2, 11, 45, false);
        store(candidate, 2, "threaded", 2, around(120), 10, 9, 14, 60, false);
        store(candidate, 3, "green", 1, new long[] {190, 195, 200}, 10, 0, 10, 40, false);
        store(candidate, 4, "async", 4, around(400), 10, 0, 10, 40, true);

        // Later runs for the trend: one more with the async/1 step, one without it, one plain run, another scenario.
        later = UUID.randomUUID();
        runs.insertRun(later, scenario(name), null, Map.of(), t0.plus(Duration.ofDays(2)));
        store(later, 0, "async", 1, around(130), 10, 0, 7, 25, true);
        UUID without = UUID.randomUUID();
        runs.insertRun(without, scenario(name), null, Map.of(), t0.plus(Duration.ofDays(3)));
        store(without, 0, "green", 4, around(130), 10, 0, 7, 25, true);
        UUID plain = UUID.randomUUID();
        runs.insertRun(plain, scenario(name), null, Map.of(), t0.plus(Duration.ofDays(4)));
        store(plain, 0, null, null, around(70), 10, 7, 12, 50, true);
        UUID other = UUID.randomUUID();
        runs.insertRun(other, scenario("other-" + UUID.randomUUID()), null, Map.of(), t0.plus(Duration.ofDays(5)));
        store(other, 0, "async", 1, around(999), 10, 0, 7, 25, true);
    }

    private static Scenario scenario(String scenarioName) {
        return ScenarioCodec.decode("""
                {"name": "%s",
                 "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "cpu", "method": "GET", "path": "/cpu?ms=5", "weight": 60},
                                           {"name": "io", "method": "GET", "path": "/io?ms=20", "weight": 40}]},
                 "load": {"model": "closed", "users": 4, "warmup": "2s", "duration": "10s"},
                 "agents": 1}
                """.formatted(scenarioName));
    }

    private static long[] reversed(long[] samples) {
        long[] out = new long[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[samples.length - 1 - i];
        }
        return out;
    }

    /**
     * Stores one step through the application's code: two warm-up seconds at {@code warmupRps}, then {@code measured}
     * (responses per second, 60% "cpu" and 40% "io"), {@code errorsPerSecond} "cpu" errors each measured second, and a
     * merged histogram whose p50 and p99 are the given values.
     */
    private void store(
            UUID run,
            int index,
            String profile,
            Integer workers,
            long[] measured,
            long warmupRps,
            long errorsPerSecond,
            long p50,
            long p99,
            boolean last) {
        Instant started = t0.plus(Duration.ofMinutes(index));
        Instant from = started.plusSeconds(2);
        Instant to = from.plusSeconds(measured.length);
        Histogram total = HistogramCodec.newHistogram();
        total.recordValueWithCount(p50, 98);
        total.recordValueWithCount(p99, 2);
        for (int second = 0; second < 2 + measured.length; second++) {
            boolean warmup = second < 2;
            long requests = warmup ? warmupRps : measured[second - 2];
            long errors = warmup ? 0 : errorsPerSecond;
            long cpu = Math.round(requests * 0.6);
            steps.storeSecond(
                    run,
                    index,
                    new TimelinePoint(
                            second,
                            warmup,
                            requests,
                            errors,
                            errors == 0 ? Map.of() : Map.of("status 500", errors),
                            LatencyMs.of(total),
                            Map.of(
                                    "cpu", new TimelinePoint.NameCount(cpu, errors),
                                    "io", new TimelinePoint.NameCount(requests - cpu, 0)),
                            Map.of("agent-1", 0.3),
                            false,
                            null),
                    total);
        }
        long requests = 0;
        long cpuRequests = 0;
        for (long second : measured) {
            requests += second;
            cpuRequests += Math.round(second * 0.6);
        }
        long errors = errorsPerSecond * measured.length;
        List<RequestRecord> byRequest = new ArrayList<>();
        byRequest.add(new RequestRecord("cpu", cpuRequests, errors, Map.of(), total.copy()));
        byRequest.add(new RequestRecord("io", requests - cpuRequests, 0, Map.of(), total.copy()));
        StepRecord step = new StepRecord(
                run,
                index,
                StepStatus.SUCCEEDED,
                started,
                to,
                from,
                to,
                requests,
                errors,
                warmupRps * 2,
                Math.round(requests * 10.0 / measured.length) / 10.0,
                errors == 0 ? Map.of() : Map.of("status 500", errors),
                total,
                byRequest,
                List.of(),
                null,
                new StepPlan(index, profile, workers),
                null,
                StepHealth.UNKNOWN,
                null);
        steps.storeStep(step, last ? RunStatus.SUCCEEDED : null, to);
    }
}
