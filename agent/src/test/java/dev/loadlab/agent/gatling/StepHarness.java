package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Plays the coordinator for one step in tests: runs the step on its own thread, collects what the runner sends and,
 * when {@code startInMs} >= 0, answers Ready with a start that many ms ahead (this JVM's clock is the cluster clock).
 */
final class StepHarness {
    final List<Interval> intervals = new CopyOnWriteArrayList<>();
    final List<String> intervalThreads = new CopyOnWriteArrayList<>();
    final CompletableFuture<Ready> ready = new CompletableFuture<>();
    final CountDownLatch measuring = new CountDownLatch(1);
    final CompletableFuture<StepResult> result;
    volatile long startAtMs = Long.MIN_VALUE;

    private final GatlingStepRunner runner;
    private final long startInMs;

    private StepHarness(GatlingStepRunner runner, long startInMs, Assignment assignment) {
        this.runner = runner;
        this.startInMs = startInMs;
        this.result = CompletableFuture.supplyAsync(
                () -> runner.run(assignment, "agent-1", System::currentTimeMillis, this::accept));
    }

    static StepHarness run(GatlingStepRunner runner, Assignment assignment, long startInMs) {
        return new StepHarness(runner, startInMs, assignment);
    }

    /** Runs the step to its end, started 500 ms after it is ready. */
    static StepHarness runToEnd(GatlingStepRunner runner, Assignment assignment) throws Exception {
        StepHarness driver = run(runner, assignment, 500);
        driver.result.get(60, TimeUnit.SECONDS);
        return driver;
    }

    StepResult get() throws Exception {
        return result.get(60, TimeUnit.SECONDS);
    }

    private void accept(ToCoordinator message) {
        switch (message) {
            case Ready r -> {
                if (startInMs >= 0) {
                    startAtMs = System.currentTimeMillis() + startInMs;
                    assertThat(runner.start(r.key(), startAtMs)).isTrue();
                }
                ready.complete(r);
            }
            case Interval i -> {
                intervals.add(i);
                intervalThreads.add(Thread.currentThread().getName());
                if (i.requests().stream().anyMatch(r -> r.requests() > 0)) {
                    measuring.countDown();
                }
            }
            default -> throw new AssertionError("unexpected message " + message);
        }
    }

    /**
     * The intervals are seconds 0..n-1, each once, in order, warm-up first; the measured ones add up to the result
     * exactly (counts, errors by kind, histogram counts), the warm-up ones to its warm-up requests.
     */
    void assertIntervalsAddUpTo(StepResult result) {
        List<Interval> sorted = intervals.stream()
                .sorted(Comparator.comparingLong(Interval::second))
                .toList();
        assertThat(sorted.stream().map(Interval::second).toList())
                .isEqualTo(intervals.stream().map(Interval::second).toList())
                .isEqualTo(LongStream.range(0, intervals.size()).boxed().toList());
        long warmup = 0;
        Map<String, Long> requests = new HashMap<>();
        Map<String, Long> errors = new HashMap<>();
        Map<String, Map<String, Long>> byKind = new HashMap<>();
        Map<String, Long> timed = new HashMap<>();
        boolean measuredSeen = false;
        for (Interval interval : sorted) {
            assertThat(interval.runId()).isEqualTo(result.runId());
            assertThat(interval.agentId()).isEqualTo("agent-1");
            assertThat(interval.cpuShare()).isBetween(0.0, 1.0);
            if (interval.warmup()) {
                assertThat(measuredSeen).as("warm-up seconds come first").isFalse();
                warmup += interval.requests().stream()
                        .mapToLong(RequestResult::requests)
                        .sum();
                continue;
            }
            measuredSeen = true;
            for (RequestResult r : interval.requests()) {
                requests.merge(r.name(), r.requests(), Long::sum);
                errors.merge(r.name(), r.errors(), Long::sum);
                r.errorsByKind().forEach((kind, n) -> byKind.computeIfAbsent(r.name(), k -> new HashMap<>())
                        .merge(kind, n, Long::sum));
                timed.merge(r.name(), HistogramCodec.fromBase64(r.histogram()).getTotalCount(), Long::sum);
            }
        }
        assertThat(warmup).isEqualTo(result.warmupRequests());
        Map<String, RequestResult> finals =
                result.requests().stream().collect(Collectors.toMap(RequestResult::name, Function.identity()));
        for (RequestResult r : finals.values()) {
            assertThat(requests.getOrDefault(r.name(), 0L)).as(r.name()).isEqualTo(r.requests());
            assertThat(errors.getOrDefault(r.name(), 0L)).as(r.name()).isEqualTo(r.errors());
            assertThat(byKind.getOrDefault(r.name(), Map.of())).as(r.name()).isEqualTo(r.errorsByKind());
            assertThat(timed.getOrDefault(r.name(), 0L))
                    .as(r.name())
                    .isEqualTo(HistogramCodec.fromBase64(r.histogram()).getTotalCount());
        }
    }
}
