package dev.loadlab.agent.gatling;

import static dev.loadlab.agent.gatling.Assignments.closed;
import static dev.loadlab.agent.gatling.Assignments.get;
import static dev.loadlab.agent.gatling.Assignments.open;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.loadlab.protocol.message.Progress;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
    void closedModelCountsExactlyWhatTheServerReceived() {
        List<Progress> progress = new CopyOnWriteArrayList<>();
        List<String> progressThreads = new CopyOnWriteArrayList<>();
        StepResult result = runner.run(
                closed(
                        server.baseUrl(),
                        8,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(3),
                        get("io", "/io?ms=20", 80),
                        get("fast", "/fast", 20)),
                "agent-1",
                p -> {
                    progress.add(p);
                    progressThreads.add(Thread.currentThread().getName());
                });

        assertThat(result.failure()).isNull();
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

        assertThat(progressThreads).isNotEmpty().allMatch("loadlab-progress"::equals);
        assertThat(progress).anyMatch(p -> !p.warmingUp() && p.requests() > 0);
        assertThat(progress)
                .allMatch(p -> p.runId().equals("run-test") && p.agentId().equals("agent-1"));
    }

    @Test
    void openModelSendsTheRateAndCountsExactly() {
        StepResult result = runner.run(
                open(
                        server.baseUrl(),
                        50,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        get("io", "/io?ms=5", 1),
                        get("fast", "/fast", 1)),
                "agent-1",
                p -> {});

        assertThat(result.failure()).isNull();
        long measured =
                result.requests().stream().mapToLong(RequestResult::requests).sum();
        assertThat(measured + result.warmupRequests()).isEqualTo(server.receivedTotal());
        assertThat(measured).isBetween(95L, 105L);
        assertThat(measured + result.warmupRequests()).isBetween(147L, 153L);
    }

    @Test
    void serverErrorsAreCountedAsHttp5xxAndTimed() {
        StepResult result = runner.run(
                closed(server.baseUrl(), 2, Duration.ZERO, Duration.ofSeconds(1), get("fail", "/fail", 1)),
                "agent-1",
                p -> {});

        assertThat(result.failure()).isNull();
        RequestResult fail = byName(result).get("fail");
        assertThat(fail.requests()).isPositive().isEqualTo(server.received("/fail"));
        assertThat(fail.errors()).isEqualTo(fail.requests());
        assertThat(fail.errorsByKind()).isEqualTo(Map.of("http_5xx", fail.requests()));
        assertThat(HistogramCodec.fromBase64(fail.histogram()).getTotalCount()).isEqualTo(fail.requests());
    }

    @Test
    void closedPortGivesTransportErrorsAndAFailureSentence() throws IOException {
        String nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = "http://127.0.0.1:" + socket.getLocalPort();
        }

        StepResult result = runner.run(
                closed(nobodyListens, 2, Duration.ZERO, Duration.ofSeconds(1), get("fast", "/fast", 1)),
                "agent-1",
                p -> {});

        assertThat(result.failure()).startsWith("every request failed: connection refused to " + nobodyListens);
        RequestResult fast = byName(result).get("fast");
        assertThat(fast.requests()).isPositive();
        assertThat(fast.errorsByKind()).isEqualTo(Map.of("transport", fast.requests()));
        assertThat(HistogramCodec.fromBase64(fast.histogram()).getTotalCount()).isZero();
    }

    @Test
    void runsBackToBackInOneJvmAndKeepsLoggingAlive() throws IOException {
        for (int i = 0; i < 2; i++) {
            long before = server.receivedTotal();
            StepResult result = runner.run(
                    closed(server.baseUrl(), 4, Duration.ZERO, Duration.ofSeconds(1), get("fast", "/fast", 1)),
                    "agent-1",
                    p -> {});
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
    void aSecondRunWhileOneRunsIsRefusedAndStopEndsTheFirstSoon() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<StepResult> first = CompletableFuture.supplyAsync(() -> runner.run(
                closed(server.baseUrl(), 2, Duration.ZERO, Duration.ofSeconds(60), get("io", "/io?ms=5", 1)),
                "agent-1",
                p -> {
                    if (p.requests() > 0) {
                        running.countDown();
                    }
                }));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        StepResult refused = new GatlingStepRunner(workDir)
                .run(closed(server.baseUrl(), 1, Duration.ZERO, Duration.ofSeconds(1)), "agent-2", p -> {});
        assertThat(refused.failure()).contains("already running");

        runner.stop();
        StepResult stopped = first.get(15, TimeUnit.SECONDS);
        assertThat(stopped.failure()).isNull();
        RequestResult io = byName(stopped).get("io");
        assertThat(io.requests()).isPositive().isEqualTo(server.receivedTotal());
        assertThat(io.errors()).isZero();
    }

    @Test
    void stopEndsAnOpenModelRunSoon() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<StepResult> run = CompletableFuture.supplyAsync(() -> runner.run(
                open(server.baseUrl(), 20, Duration.ZERO, Duration.ofSeconds(60), get("fast", "/fast", 1)),
                "agent-1",
                p -> {
                    if (p.requests() > 0) {
                        running.countDown();
                    }
                }));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        runner.stop();
        StepResult stopped = run.get(15, TimeUnit.SECONDS);
        assertThat(stopped.failure()).isNull();
        RequestResult fast = byName(stopped).get("fast");
        assertThat(fast.requests()).isPositive().isLessThanOrEqualTo(server.receivedTotal());
        assertThat(fast.errors()).isZero();
    }

    private static Map<String, RequestResult> byName(StepResult result) {
        return result.requests().stream().collect(Collectors.toMap(RequestResult::name, Function.identity()));
    }
}
