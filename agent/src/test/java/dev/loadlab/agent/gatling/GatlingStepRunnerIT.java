package dev.loadlab.agent.gatling;

import static dev.loadlab.agent.gatling.Assignments.closed;
import static dev.loadlab.agent.gatling.Assignments.get;
import static dev.loadlab.agent.gatling.Assignments.open;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Real Gatling against a real HTTP server on a free port, several runs in one JVM. */
class GatlingStepRunnerIT {
    @TempDir
    Path workDir;

    private CountingServer server;
    private GatlingStepRunner runner;

    @BeforeEach
    void start() throws IOException {
        server = new CountingServer();
        runner = new GatlingStepRunner(workDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void closedModelCountsExactlyWhatTheServerReceivedAndIntervalsAddUp() throws Exception {
        StepHarness driver = StepHarness.runToEnd(
                runner,
                closed(
                        server.baseUrl(),
                        8,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(3),
                        get("io", "/io?ms=20", 80),
                        get("fast", "/fast", 20)));
        StepResult result = driver.get();

        assertThat(result.failure()).isNull();
        assertThat(result.cancelled()).isFalse();
        assertThat(result.agentId()).isEqualTo("agent-1");
        Map<String, RequestResult> byName = byName(result);
        RequestResult io = byName.get("io");
        RequestResult fast = byName.get("fast");
        assertThat(result.warmupRequests()).isPositive();
        assertThat(io.requests() + fast.requests() + result.warmupRequests()).isEqualTo(server.receivedTotal());
        assertThat(io.errors() + fast.errors()).isZero();
        assertThat(io.errorsByKind()).isEmpty();

        Histogram ioLatency = HistogramCodec.fromBase64(io.histogram());
        assertThat(ioLatency.getTotalCount()).isEqualTo(io.requests());
        assertThat(LatencyMs.of(ioLatency).p50()).isBetween(20L, 30L);
        assertThat(HistogramCodec.fromBase64(fast.histogram()).getTotalCount()).isEqualTo(fast.requests());

        double ioShare = (double) io.requests() / (io.requests() + fast.requests());
        assertThat(ioShare).isBetween(0.74, 0.86);

        Duration window = Duration.between(result.measuredFrom(), result.measuredTo());
        assertThat(window).isBetween(Duration.ofMillis(2_900), Duration.ofMillis(3_500));

        // 1 s of warm-up, 3 measured seconds, then the last partial second in which the last responses completed.
        driver.assertIntervalsAddUpTo(result);
        assertThat(driver.intervals).hasSizeBetween(4, 6);
        assertThat(driver.intervals.stream().filter(Interval::warmup).map(Interval::second))
                .containsExactly(0L);
        assertThat(driver.intervals.get(1).requests().stream()
                        .mapToLong(RequestResult::requests)
                        .sum())
                .isPositive();
        assertThat(driver.intervalThreads).contains("loadlab-intervals");
        assertThat(result.cpuShare()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        // The machine was at least as busy as this process's share of it, and this JVM says how many cores it had.
        assertThat(result.machineCpuShare()).isNotNull().isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        assertThat(result.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(result.behindSchedule()).isFalse();
        assertThat(result.startSkewMs()).isNotNull();
    }

    @Test
    void openModelSendsTheRateCountsExactlyAndIsOnSchedule() throws Exception {
        StepHarness driver = StepHarness.runToEnd(
                runner,
                open(
                        server.baseUrl(),
                        50,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        get("io", "/io?ms=5", 1),
                        get("fast", "/fast", 1)));
        StepResult result = driver.get();

        assertThat(result.failure()).isNull();
        long measured =
                result.requests().stream().mapToLong(RequestResult::requests).sum();
        assertThat(measured + result.warmupRequests()).isEqualTo(server.receivedTotal());
        assertThat(measured).isBetween(95L, 105L);
        assertThat(measured + result.warmupRequests()).isBetween(147L, 153L);
        driver.assertIntervalsAddUpTo(result);
        assertThat(driver.intervals.stream().filter(Interval::warmup).map(Interval::second))
                .containsExactly(0L);
        assertThat(driver.intervals).noneMatch(Interval::behindSchedule);
        assertThat(result.behindSchedule()).isFalse();
        assertThat(result.cpuShare()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aStartInTheFutureIsHonouredAndItsSkewMeasured() throws Exception {
        for (boolean closedModel : new boolean[] {true, false}) {
            try (CountingServer target = new CountingServer()) {
                StepHarness driver = StepHarness.run(
                        runner,
                        closedModel
                                ? closed(
                                        target.baseUrl(), 4, Duration.ZERO, Duration.ofSeconds(1), get("f", "/fast", 1))
                                : open(
                                        target.baseUrl(),
                                        40,
                                        Duration.ZERO,
                                        Duration.ofSeconds(1),
                                        get("f", "/fast", 1)),
                        1_500);
                StepResult result = driver.get();

                assertThat(result.failure()).isNull();
                assertThat(target.firstReceivedMs())
                        .as("first request at the server")
                        .isGreaterThanOrEqualTo(driver.startAtMs);
                assertThat(result.startSkewMs())
                        .as("skew, closed=" + closedModel)
                        .isBetween(0L, 10L);
                assertThat(result.measuredFrom().toEpochMilli()).isBetween(driver.startAtMs - 2, driver.startAtMs + 2);
            }
        }
    }

    @Test
    void serverErrorsAreCountedAsHttp5xxAndTimed() throws Exception {
        StepHarness driver = StepHarness.runToEnd(
                runner, closed(server.baseUrl(), 2, Duration.ZERO, Duration.ofSeconds(1), get("fail", "/fail", 1)));
        StepResult result = driver.get();

        assertThat(result.failure()).isNull();
        RequestResult fail = byName(result).get("fail");
        assertThat(fail.requests()).isPositive().isEqualTo(server.received("/fail"));
        assertThat(fail.errors()).isEqualTo(fail.requests());
        assertThat(fail.errorsByKind()).isEqualTo(Map.of("http_5xx", fail.requests()));
        assertThat(HistogramCodec.fromBase64(fail.histogram()).getTotalCount()).isEqualTo(fail.requests());
        driver.assertIntervalsAddUpTo(result);
    }

    @Test
    void closedPortGivesTransportErrorsAndAFailureSentence() throws Exception {
        String nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = "http://127.0.0.1:" + socket.getLocalPort();
        }

        StepHarness driver = StepHarness.runToEnd(
                runner, closed(nobodyListens, 2, Duration.ZERO, Duration.ofSeconds(1), get("fast", "/fast", 1)));
        StepResult result = driver.get();

        assertThat(result.failure()).startsWith("every request failed: connection refused to " + nobodyListens);
        RequestResult fast = byName(result).get("fast");
        assertThat(fast.requests()).isPositive();
        assertThat(fast.errorsByKind()).isEqualTo(Map.of("transport", fast.requests()));
        assertThat(HistogramCodec.fromBase64(fast.histogram()).getTotalCount()).isZero();
        driver.assertIntervalsAddUpTo(result);
    }

    @Test
    void runsBackToBackInOneJvmAndKeepsLoggingAlive() throws Exception {
        for (int i = 0; i < 2; i++) {
            long before = server.receivedTotal();
            StepResult result = StepHarness.runToEnd(
                            runner,
                            closed(server.baseUrl(), 4, Duration.ZERO, Duration.ofSeconds(1), get("fast", "/fast", 1)))
                    .get();
            assertThat(result.failure()).isNull();
            assertThat(result.warmupRequests()).isZero();
            assertThat(byName(result).get("fast").requests()).isPositive().isEqualTo(server.receivedTotal() - before);
        }
        // gatling.conf turns Gatling's data writers off: no simulation.log, no report piles up in the work dir.
        try (Stream<Path> files = Files.walk(workDir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        // Gatling stops Logback when a run ends; the runner must have started it again.
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(logback.isStarted()).isTrue();
        assertThat(logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders())
                .hasNext();
    }

    @Test
    void aSecondRunWhileOneRunsIsRefusedAndCancelEndsTheFirstWithinTwoSeconds() throws Exception {
        StepHarness first = StepHarness.run(
                runner,
                closed(server.baseUrl(), 2, Duration.ZERO, Duration.ofSeconds(60), get("io", "/io?ms=5", 1)),
                300);
        assertThat(first.measuring.await(30, TimeUnit.SECONDS)).isTrue();

        StepResult refused = new GatlingStepRunner(workDir)
                .run(
                        closed(server.baseUrl(), 1, Duration.ZERO, Duration.ofSeconds(1)),
                        "agent-2",
                        System::currentTimeMillis,
                        m -> {});
        assertThat(refused.failure()).contains("already running");

        long cancelledAt = System.nanoTime();
        runner.cancel(Assignments.STEP);
        StepResult cancelled = first.get();
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(cancelled.failure()).isNull();
        assertThat(cancelled.cancelled()).isTrue();
        RequestResult io = byName(cancelled).get("io");
        assertThat(io.requests()).isPositive().isEqualTo(server.receivedTotal());
        assertThat(io.errors()).isZero();
        first.assertIntervalsAddUpTo(cancelled);
    }

    @Test
    void cancelEndsAnOpenModelRunSoon() throws Exception {
        StepHarness run = StepHarness.run(
                runner,
                open(server.baseUrl(), 20, Duration.ZERO, Duration.ofSeconds(60), get("fast", "/fast", 1)),
                300);
        assertThat(run.measuring.await(30, TimeUnit.SECONDS)).isTrue();

        long cancelledAt = System.nanoTime();
        runner.cancel(Assignments.STEP);
        StepResult stopped = run.get();
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(stopped.failure()).isNull();
        assertThat(stopped.cancelled()).isTrue();
        RequestResult fast = byName(stopped).get("fast");
        assertThat(fast.requests()).isPositive().isLessThanOrEqualTo(server.receivedTotal());
        assertThat(fast.errors()).isZero();
        run.assertIntervalsAddUpTo(stopped);
    }

    @Test
    void aCancelBeforeTheStartAbandonsTheStepAtOnce() throws Exception {
        StepHarness driver = StepHarness.run(
                runner, closed(server.baseUrl(), 2, Duration.ZERO, Duration.ofSeconds(5), get("fast", "/fast", 1)), -1);
        driver.ready.get(30, TimeUnit.SECONDS);
        assertThat(runner.start(StepKey.of(UUID.randomUUID(), 0), System.currentTimeMillis()))
                .isFalse();

        long cancelledAt = System.nanoTime();
        runner.cancel(Assignments.STEP);
        StepResult result = driver.get();
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.cancelled()).isTrue();
        assertThat(result.failure()).isNull();
        assertThat(result.startSkewMs()).isNull();
        assertThat(server.receivedTotal()).isZero();
        assertThat(driver.intervals).isEmpty();
        assertThat(runner.start(Assignments.STEP, System.currentTimeMillis())).isFalse();
    }

    @Test
    void withoutAStartTheStepIsAbandonedAfterTheTimeout() throws Exception {
        GatlingStepRunner impatient = new GatlingStepRunner(workDir, Duration.ofSeconds(1));
        StepHarness driver = StepHarness.run(
                impatient,
                closed(server.baseUrl(), 2, Duration.ZERO, Duration.ofSeconds(5), get("fast", "/fast", 1)),
                -1);
        StepResult result = driver.get();

        assertThat(driver.ready).isDone();
        assertThat(result.failure()).isEqualTo("no start arrived within 1 s of ready; the step was abandoned");
        assertThat(result.cancelled()).isFalse();
        assertThat(server.receivedTotal()).isZero();
    }

    @Test
    void aWarmUpRunsGatlingWithoutTouchingTheTargetOrLeavingFiles() throws Exception {
        assertThat(runner.warmUp()).isTrue();
        assertThat(server.receivedTotal()).isZero();
        try (Stream<Path> files = Files.walk(workDir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private static Map<String, RequestResult> byName(StepResult result) {
        return result.requests().stream().collect(Collectors.toMap(RequestResult::name, Function.identity()));
    }
}
