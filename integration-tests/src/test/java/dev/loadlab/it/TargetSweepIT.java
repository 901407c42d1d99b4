package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario that sweeps the target host through profiles: each step switches the target, and stores the profile,
 * the worker count and the target's own CPU use over the measured window; the same run's HTML export, in a real
 * headless Chromium, draws one line per profile in its scaling charts. Target host and agent in their own JVMs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TargetSweepIT {
    @TempDir
    static Path dir;

    private HostStack stack;

    /** The sweep of the first test, for its HTML export (null until that test has run it to the end). */
    private JsonNode sweep;

    @BeforeAll
    void start() throws Exception {
        stack = HostStack.start(dir, "sweep");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void eachStepSwitchesTheTargetAndStoresItsProfileWorkersAndCores() throws Exception {
        JsonNode run = runToEnd("""
                {"name": "gil-vs-free",
                 "target": %s,
                 "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=10"}]},
                 "load": {"model": "closed", "users": 8, "warmup": "1s", "duration": "4s"}}
                """.formatted(stack.target("[\"threaded-gil\", \"threaded\"]", "[2]")));

        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        sweep = run;
        assertThat(run.get("scenario").get("target").get("control").get("token").asText())
                .isEqualTo("***");
        JsonNode gil = run.get("steps").get(0);
        JsonNode free = run.get("steps").get(1);
        System.out.println("TargetSweepIT cores: threaded-gil " + gil.get("targetCpuCores") + ", threaded "
                + free.get("targetCpuCores") + "; usage " + gil.get("target") + " / " + free.get("target"));
        assertThat(gil.get("profile").asText()).isEqualTo("threaded-gil");
        assertThat(gil.get("workers").asInt()).isEqualTo(2);
        assertThat(free.get("profile").asText()).isEqualTo("threaded");
        assertThat(free.get("workers").asInt()).isEqualTo(2);
        // The interpreter lock lets one thread compute at a time; without it two threads use two cores.
        assertThat(gil.get("targetCpuCores").asDouble()).isBetween(0.5, 1.15);
        assertThat(free.get("targetCpuCores").asDouble())
                .isGreaterThan(gil.get("targetCpuCores").asDouble() + 0.2);
        long served = 0;
        for (JsonNode worker : free.get("target").get("workers")) {
            served += worker.get("requests").asLong();
        }
        assertThat(served).isGreaterThanOrEqualTo(free.get("requests").asLong());
        JsonNode series = run.get("series");
        assertThat(series.get(0).get("profile").asText()).isEqualTo("threaded-gil");
        assertThat(series.get(1).get("profile").asText()).isEqualTo("threaded");
        assertThat(series.get(1).get("points").get(0).get("workers").asInt()).isEqualTo(2);
        assertThat(series.get(1).get("points").get(0).get("targetCpuCores").asDouble())
                .isEqualTo(free.get("targetCpuCores").asDouble());
        JsonNode stats = controlGet("/control/stats");
        assertThat(stats.get("config").get("profile").asText()).isEqualTo("threaded");
        assertThat(stats.get("config").get("workers").asInt()).isEqualTo(2);
    }

    /** The sweep's HTML export: its scaling charts drawn, one line per profile; skipped when no Chromium can be had. */
    @Test
    @Order(2)
    void theSweepsHtmlExportDrawsOneScalingLinePerProfileInARealBrowser() throws Exception {
        assumeTrue(sweep != null, "skipped: the sweep test did not run its sweep to the end");
        String id = sweep.get("id").asText();
        Api.Download html = stack.api.download("/api/v1/runs/" + id + "/export?format=html");
        assertThat(html.status()).isEqualTo(200);
        Path file = dir.resolve("report").resolve("sweep.html");
        Files.createDirectories(file.getParent());
        Files.write(file, html.body());
        // The token stays out of the page as it stays out of the API.
        assertThat(new String(html.body(), StandardCharsets.UTF_8)).doesNotContain(stack.token);

        HeadlessChromium.Page page = HeadlessChromium.get().open(file, dir.resolve("chromium"));

        assertThat(page.pageRequests()).allSatisfy(r -> assertThat(r.url()).startsWith("file:"));
        assertThat(page.body()).doesNotContainKeys("data-csp-violations", "data-chart-error");
        List<Map<String, String>> scaling = page.elements("figure", "data-chart=\"series\"");
        assertThat(scaling)
                .extracting(f -> f.get("data-key"))
                .containsExactly("throughputRps", "p99Ms", "targetCpuCores");
        for (Map<String, String> figure : scaling) {
            // threaded-gil and threaded, one point each (W=2).
            assertThat(figure)
                    .as("figure %s", figure)
                    .containsEntry("data-drawn", "true")
                    .containsEntry("data-series", "2")
                    .containsEntry("data-points", "2");
            assertThat(Integer.parseInt(figure.get("data-line-pixels"))).isGreaterThan(20);
        }
        assertThat(page.dom()).contains("<td>threaded-gil</td>", "<td>threaded</td>");
    }

    @Test
    @Order(3)
    void aSwitchTheTargetRefusesFailsTheRunWithItsReasonAndChangesNothing() throws Exception {
        JsonNode before = controlGet("/control/stats").get("config");

        JsonNode run = runToEnd("""
                {"name": "no-such-profile",
                 "target": %s,
                 "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                 "load": {"model": "closed", "users": 1, "duration": "1s"}}
                """.formatted(stack.target("[\"no-such-profile\"]", "[2]")));

        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("failure").asText())
                .contains("profile no-such-profile is not on this target host (it has multi-process, threaded-gil,")
                .contains("add it as a command profile to the target host's profiles file (--profiles-file)");
        assertThat(run.get("steps").get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(controlGet("/control/stats").get("config")).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aRealPythonServerOnAHostWithoutThemSaysHowToStartThem() throws Exception {
        JsonNode run = runToEnd("""
                {"name": "py-on-a-plain-host",
                 "target": %s,
                 "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=5"}]},
                 "load": {"model": "closed", "users": 1, "duration": "1s"}}
                """.formatted(stack.target("[\"gunicorn-sync\", \"uvicorn\"]", "[1]")));

        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("failure").asText())
                .contains("profile gunicorn-sync is not on this target host (it has ")
                .contains("start it with ./loadlab target --python");
    }

    private JsonNode runToEnd(String scenario) {
        return stack.runToEnd(scenario, Duration.ofSeconds(180));
    }

    private JsonNode controlGet(String path) throws Exception {
        return stack.controlGet(path);
    }
}
