package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step's measured window is checked for steadiness, end to end: a server on 127.0.0.1 whose responses slow
 * down with every second it has served (2 ms, then 4 ms more per second) makes a closed model's throughput fall by
 * more than half over the window, so the step is stored and shown {@code unsteady} with its figures, and its SLO
 * verdict is inconclusive; the same scenario against the reference app's fixed-delay endpoint is steady and passes.
 */
class SteadinessIT {
    private static final String SCENARIO = """
            {"name": "%s",
             "target": {"baseUrl": "%s"},
             "workload": {"requests": [{"name": "work", "path": "%s"}]},
             "load": {"model": "closed", "users": 4, "warmup": "1s", "duration": "8s"},
             "slo": {"p99Ms": %d, "errorRate": 0.5}}
            """;

    @TempDir
    Path dir;

    @Test
    void aSlowingServersStepIsUnsteadyAndInconclusiveWhileAFixedDelayOneIsSteadyAndPassesOrFailsItsSlo()
            throws Exception {
        try (AppStack stack = AppStack.start(dir, "steady", 1);
                SlowingServer slowing = SlowingServer.start()) {
            JsonNode drifting = stack.runToEnd(
                    SCENARIO.formatted("slowing", slowing.url(), "/slowing", 10000), Duration.ofSeconds(120));
            JsonNode steady = stack.runToEnd(
                    SCENARIO.formatted("fixed", stack.targetUrl(), "/io?ms=10", 10000), Duration.ofSeconds(120));
            // The same steady server against an SLO it cannot meet: a failure on trustworthy figures.
            JsonNode missed = stack.runToEnd(
                    SCENARIO.formatted("missed", stack.targetUrl(), "/io?ms=10", 1), Duration.ofSeconds(120));

            JsonNode unsteadyStep = drifting.get("steps").get(0);
            assertThat(drifting.get("status").asText())
                    .as(drifting.toPrettyString())
                    .isEqualTo("SUCCEEDED");
            JsonNode steadiness = unsteadyStep.get("steadiness");
            assertThat(steadiness.get("unsteady").asBoolean())
                    .as(steadiness.toPrettyString())
                    .isTrue();
            assertThat(steadiness.get("reason").asText()).startsWith("throughput drifted -");
            JsonNode throughput = steadiness.get("throughput");
            assertThat(throughput.get("metric").asText()).isEqualTo("requests/s");
            assertThat(throughput.get("seconds").asInt()).isBetween(7, 8);
            assertThat(throughput.get("drift").asDouble()).isLessThan(-0.3);
            assertThat(throughput.get("pValue").asDouble()).isLessThan(0.05);
            assertThat(throughput.get("mannKendallZ").asDouble()).isNegative();
            assertThat(unsteadyStep.get("slo").get("outcome").asText()).isEqualTo("inconclusive");
            assertThat(unsteadyStep.get("slo").get("met").asBoolean()).isFalse();
            assertThat(drifting.get("series")
                            .get(0)
                            .get("points")
                            .get(0)
                            .get("unsteady")
                            .asBoolean())
                    .isTrue();
            assertThat(drifting.get("measurement").get("steadiness").asText()).contains("Mann-Kendall");

            JsonNode steadyStep = steady.get("steps").get(0);
            assertThat(steadyStep.get("steadiness").get("unsteady").asBoolean())
                    .as(steadyStep.get("steadiness").toPrettyString())
                    .isFalse();
            assertThat(steadyStep.get("steadiness").get("reason").isNull()).isTrue();
            assertThat(steadyStep.get("slo").get("outcome").asText()).isEqualTo("passed");
            JsonNode cpu = steadyStep.get("steadiness").get("targetCpu");
            assertThat(cpu.isNull() || cpu.get("metric").asText().equals("target cores"))
                    .as("the target's CPU is judged where its host sampled it and it was busy enough")
                    .isTrue();

            // The run-level verdict, apart from the status: every run here SUCCEEDED (it ran).
            JsonNode doubtful = drifting.get("verdict");
            assertThat(doubtful.get("outcome").asText())
                    .as(doubtful.toPrettyString())
                    .isEqualTo("inconclusive");
            assertThat(doubtful.get("steps").get(0).get("index").asInt()).isZero();
            assertThat(doubtful.get("steps").get(0).get("reasons").get(0).asText())
                    .startsWith("the measured window was not steady (throughput drifted -");
            assertThat(steady.get("verdict").get("outcome").asText()).isEqualTo("passed");
            assertThat(steady.get("verdict").get("steps")).isEmpty();
            JsonNode failed = missed.get("verdict");
            assertThat(missed.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(failed.get("outcome").asText())
                    .as(failed.toPrettyString())
                    .isEqualTo("failed");
            assertThat(failed.get("reason").asText()).startsWith("1 step broke the SLO: step 0");
            assertThat(failed.get("steps").get(0).get("reasons").get(0).asText())
                    .endsWith("is above the SLO's 1 ms");
            // Stored when each run ended: listed and filtered by it.
            JsonNode listed = stack.api.get("/api/v1/runs").body().get("runs");
            assertThat(listed)
                    .extracting(run ->
                            run.get("name").asText() + "=" + run.get("verdict").asText())
                    .containsExactlyInAnyOrder("slowing=inconclusive", "fixed=passed", "missed=failed");
            JsonNode onlyFailed =
                    stack.api.get("/api/v1/runs?verdict=failed").body().get("runs");
            assertThat(onlyFailed)
                    .extracting(run -> run.get("id").asText())
                    .containsExactly(missed.get("id").asText());
            assertThat(stack.api.get("/api/v1/runs?verdict=maybe").status()).isEqualTo(400);
        }
    }

    /**
     * A server whose every response is sent 2 ms plus 4 ms for each whole second since its first request after the
     * request arrived, by a timer (the handler returns at once; the timer answers), as an event-loop server answers
     * after an I/O wait.
     */
    private record SlowingServer(HttpServer server, ScheduledExecutorService timer) implements AutoCloseable {
        static SlowingServer start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
            AtomicLong firstNanos = new AtomicLong();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            server.createContext("/slowing", exchange -> {
                long now = System.nanoTime();
                firstNanos.compareAndSet(0, now);
                long seconds = (now - firstNanos.get()) / 1_000_000_000L;
                timer.schedule(
                        () -> {
                            try (exchange) {
                                exchange.sendResponseHeaders(200, body.length);
                                exchange.getResponseBody().write(body);
                            } catch (IOException e) {
                                // The client went away; the step counts what it saw.
                            }
                        },
                        2 + 4 * seconds,
                        TimeUnit.MILLISECONDS);
            });
            server.start();
            return new SlowingServer(server, timer);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            timer.shutdownNow();
        }
    }
}
