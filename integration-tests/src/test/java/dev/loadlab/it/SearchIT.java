package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The max-throughput search against a target of known capacity: {@code /io?ms=20} on the {@code threaded} profile
 * with W blocking threads serves at most about W x 50 requests/s, so the knee the search reports must land within 15%
 * of that, for two worker counts in one run. Target host and agent in their own JVMs, real Gatling, real PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {
    @TempDir
    static Path dir;

    private HostStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = HostStack.start(dir, "search");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theSearchConvergesOnTheTargetsKnownCapacityForEachWorkerCount() {
        JsonNode run = stack.runToEnd("""
                {"name": "io-knee",
                 "target": %s,
                 "workload": {"requests": [{"name": "io", "path": "/io?ms=20"}]},
                 "load": {"model": "search", "rate": 25, "maxRate": 1000, "precision": 0.1, "maxProbes": 10,
                          "warmup": "1s", "duration": "2s"},
                 "slo": {"p99Ms": 100, "errorRate": 0.01}}
                """.formatted(stack.target("[\"threaded\"]", "[2, 4]")), Duration.ofSeconds(400));

        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        for (JsonNode step : run.get("steps")) {
            int workers = step.get("workers").asInt();
            double capacity = workers * 50.0;
            JsonNode search = step.get("search");
            List<Double> rates = new ArrayList<>();
            search.get("probes").forEach(p -> rates.add(p.get("rateRps").asDouble()));
            System.out.printf(
                    "SearchIT W=%d: knee %s req/s (capacity %.0f), p99 at knee %s ms; probes %s; %s%n",
                    workers,
                    search.get("kneeRateRps"),
                    capacity,
                    step.get("latencyMs").get("p99"),
                    rates,
                    search.get("note").asText());

            assertThat(search.get("kneeRateRps").asDouble()).isBetween(capacity * 0.85, capacity * 1.15);
            assertThat(search.get("note").asText()).startsWith("converged: ");
            assertThat(search.get("slo").get("p99Ms").asLong()).isEqualTo(100);
            // Ramp first (doubling from the start rate), then bisect inside the bracket.
            assertThat(rates.subList(0, 3)).containsExactly(25.0, 50.0, 100.0);
            JsonNode knee = search.get("probes").get(search.get("kneeProbe").asInt() - 1);
            assertThat(knee.get("passed").asBoolean()).isTrue();
            assertThat(knee.get("rateRps").asDouble())
                    .isEqualTo(search.get("kneeRateRps").asDouble());
            assertThat(knee.get("p99Ms").asLong()).isLessThanOrEqualTo(100);
            assertThat(search.get("probes"))
                    .anySatisfy(p -> assertThat(p.get("passed").asBoolean()).isFalse());
            for (JsonNode probe : search.get("probes")) {
                assertThat(probe.get("passed").asBoolean())
                        .isEqualTo(probe.get("reasons").isEmpty());
            }
            // The step's own figures are the knee probe's.
            assertThat(step.get("latencyMs").get("p99").asLong())
                    .isEqualTo(knee.get("p99Ms").asLong());
            assertThat(step.get("throughputRps").asDouble())
                    .isEqualTo(knee.get("throughputRps").asDouble());
        }
        JsonNode points = run.get("series").get(0).get("points");
        for (int i = 0; i < 2; i++) {
            assertThat(points.get(i).get("kneeRateRps").asDouble())
                    .isEqualTo(run.get("steps")
                            .get(i)
                            .get("search")
                            .get("kneeRateRps")
                            .asDouble());
        }
        JsonNode timeline = stack.api
                .get("/api/v1/runs/" + run.get("id").asText() + "/steps/0/timeline")
                .body();
        assertThat(timeline.get("seconds").get(0).get("probe").asInt()).isEqualTo(1);
    }

    @Test
    void aSearchCancelledDuringItsSecondProbeEndsCancelledAndKeepsTheFirstProbe() {
        Api.Reply submitted = stack.api.post("/api/v1/runs", """
                {"name": "io-knee-cancelled",
                 "target": %s,
                 "workload": {"requests": [{"name": "io", "path": "/io?ms=20"}]},
                 "load": {"model": "search", "rate": 20, "warmup": "1s", "duration": "3s"},
                 "slo": {"p99Ms": 100, "errorRate": 0.01}}
                """.formatted(stack.target("[\"threaded\"]", "[2]")));
        String id = submitted.body().get("id").asText();
        JsonNode progress = Poll.until("the second probe to run", Duration.ofSeconds(120), () -> {
            JsonNode p = stack.api.get("/api/v1/runs/" + id).body().get("progress");
            return p != null && p.path("probe").asInt() == 2 ? Optional.of(p) : Optional.empty();
        });
        assertThat(progress.get("probeRateRps").asDouble()).isEqualTo(40.0);

        assertThat(stack.api.post("/api/v1/runs/" + id + "/cancel", "").status())
                .isEqualTo(202);

        JsonNode run = stack.awaitEnd(id, Duration.ofSeconds(60));
        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("CANCELLED");
        JsonNode step = run.get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("CANCELLED");
        JsonNode probes = step.get("search").get("probes");
        assertThat(probes).hasSize(1);
        assertThat(probes.get(0).get("rateRps").asDouble()).isEqualTo(20.0);
        assertThat(probes.get(0).get("requests").asLong()).isPositive();
        assertThat(step.get("search").get("note").asText()).contains("probe 2").contains("cancelled");
    }

    @Test
    void everyStepOfAClosedRunIsJudgedAgainstTheScenariosSlo() {
        JsonNode run = stack.runToEnd("""
                {"name": "io-slo",
                 "target": %s,
                 "workload": {"requests": [{"name": "io", "path": "/io?ms=20"}]},
                 "load": {"model": "closed", "users": 8, "warmup": "1s", "duration": "2s"},
                 "slo": {"p99Ms": 100, "errorRate": 0.01}}
                """.formatted(stack.target("[\"threaded\"]", "[1, 8]")), Duration.ofSeconds(120));

        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        // W=1 serves 8 users one at a time: about 8 x 20 ms of queueing, far above 100 ms. W=8 serves them at once.
        JsonNode one = run.get("steps").get(0);
        JsonNode eight = run.get("steps").get(1);
        System.out.println("SearchIT SLO: W=1 p99 " + one.get("latencyMs").get("p99") + " " + one.get("slo")
                + "; W=8 p99 " + eight.get("latencyMs").get("p99") + " " + eight.get("slo"));
        assertThat(one.get("slo").get("met").asBoolean()).isFalse();
        assertThat(one.get("slo").get("reasons").get(0).asText())
                .startsWith("p99 " + one.get("latencyMs").get("p99").asLong() + " ms is above the SLO's 100 ms");
        assertThat(eight.get("slo").get("met").asBoolean()).isTrue();
        assertThat(eight.get("slo").get("reasons")).isEmpty();
        assertThat(eight.get("slo").get("slo").get("p99Ms").asLong()).isEqualTo(100);
        assertThat(run.get("measurement").get("slo").asText()).contains("slo.p99Ms");
    }

    @Test
    void aSearchWithoutAnSloIsRefusedNamingTheFieldAndNothingIsStored() {
        int before = stack.api.get("/api/v1/runs?limit=100").body().get("runs").size();

        Api.Reply refused = stack.api.post("/api/v1/runs", """
                {"name": "no-slo", "target": {"baseUrl": "%s"},
                 "workload": {"requests": [{"name": "io", "path": "/io?ms=20"}]},
                 "load": {"model": "search", "rate": 25, "duration": "2s"}}
                """.formatted(stack.app));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("$.slo").contains("is required");
        assertThat(stack.api.get("/api/v1/runs?limit=100").body().get("runs").size())
                .isEqualTo(before);
    }
}
