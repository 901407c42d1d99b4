package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.demo.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario that sweeps the target host through profiles: each step switches the target, and stores the profile,
 * the worker count and the target's own CPU use over the measured window. Target host and agent in their own JVMs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetSweepIT {
    private static final String TOKEN = "sweep-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private ChildJvm target;
    private ChildJvm agent;
    private Coordinator coordinator;
    private String app;
    private String control;
    private Api api;

    @BeforeAll
    void start() throws Exception {
        Path home = Path.of(System.getProperty("loadlab.agent.jar"))
                .getParent()
                .getParent()
                .getParent();
        target = ChildJvm.start(
                "target",
                home.resolve("target-app/target/loadlab-target-app.jar"),
                dir,
                List.of("--port", "0", "--control-port", "0", "--control-token", TOKEN, "--workers", "1"));
        app = target.awaitLine(Pattern.compile("ready: (http://\\S+)"), Duration.ofSeconds(90));
        control = target.awaitLine(Pattern.compile("control: (http://\\S+)"), Duration.ofSeconds(90));
        String cluster = "sweep-" + UUID.randomUUID();
        coordinator = Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), cluster));
        agent = ChildJvm.start(
                "agent",
                Path.of(System.getProperty("loadlab.agent.jar")),
                dir,
                List.of(
                        "--id",
                        "sweeper",
                        "--join",
                        coordinator.clusterAddress(),
                        "--cluster-name",
                        cluster,
                        "--work-dir",
                        dir.resolve("agent").toString()));
        agent.awaitLine(Pattern.compile("loadlab-agent ready"), Duration.ofSeconds(90));
        api = new Api(coordinator.httpUrl());
    }

    @AfterAll
    void stop() {
        for (AutoCloseable part : new AutoCloseable[] {agent, coordinator, target}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + part + ": " + e);
            }
        }
    }

    @Test
    void eachStepSwitchesTheTargetAndStoresItsProfileWorkersAndCores() throws Exception {
        JsonNode run = runToEnd("""
                {"name": "gil-vs-free",
                 "target": {"baseUrl": "%s", "control": {"url": "%s", "token": "%s"},
                            "profiles": ["threaded-gil", "threaded"], "workers": [2]},
                 "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=10"}]},
                 "load": {"model": "closed", "users": 8, "warmup": "1s", "duration": "4s"}}
                """.formatted(app, control, TOKEN));

        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
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
        for (JsonNode worker : free.get("target").get("workerRequests")) {
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

    @Test
    void aSwitchTheTargetRefusesFailsTheRunWithItsReasonAndChangesNothing() throws Exception {
        JsonNode before = controlGet("/control/stats").get("config");

        JsonNode run = runToEnd("""
                {"name": "no-such-profile",
                 "target": {"baseUrl": "%s", "control": {"url": "%s", "token": "%s"},
                            "profiles": ["no-such-profile"], "workers": [2]},
                 "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                 "load": {"model": "closed", "users": 1, "duration": "1s"}}
                """.formatted(app, control, TOKEN));

        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("failure").asText()).contains("no-such-profile").contains("HTTP 4");
        assertThat(run.get("steps").get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(controlGet("/control/stats").get("config")).isEqualTo(before);
    }

    private JsonNode runToEnd(String scenario) {
        Api.Reply submitted = api.post("/api/v1/runs", scenario);
        assertThat(submitted.status()).as(String.valueOf(submitted.body())).isEqualTo(202);
        String id = submitted.body().get("id").asText();
        return Poll.until("run " + id + " to finish", Duration.ofSeconds(180), () -> {
            JsonNode run = api.get("/api/v1/runs/" + id).body();
            String status = run.get("status").asText();
            return status.equals("QUEUED") || status.equals("RUNNING") ? Optional.empty() : Optional.of(run);
        });
    }

    private JsonNode controlGet(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(control + path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return dev.loadlab.protocol.Json.lenient().readTree(response.body());
    }
}
