package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.cluster.AgentEndpoint;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.Welcome;
import dev.loadlab.targethost.TargetConfig;
import dev.loadlab.targethost.TargetServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost: a coordinator that stops mid-step comes back on the same data directory; the agent, which kept its
 * unacknowledged result, re-delivers it; it is stored once, and a second delivery changes nothing.
 */
class RestartIT {
    @TempDir
    Path dir;

    @Test
    void anAgentReDeliversItsResultToARestartedCoordinatorWithNoLossAndNoDuplicate() throws Exception {
        String cluster = "restart-" + UUID.randomUUID();
        CoordinatorConfig config = CoordinatorConfig.local(dir.resolve("data"), cluster);
        try (TargetServer target = new TargetServer(TargetConfig.ephemeral(64)).start()) {
            Coordinator first = Coordinator.start(config);
            String address = first.clusterAddress();
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            String runId;
            try (AgentProcess agent = AgentProcess.start("keeper", address, cluster, dir.resolve("agents"))) {
                Api api = Api.of(first);
                Poll.until(
                        "the agent to register",
                        Duration.ofSeconds(60),
                        () -> api.get("/api/v1/agents").body().size() == 1 ? Optional.of(1) : Optional.empty());
                runId = api.post("/api/v1/runs", """
                        {"name": "survives", "target": {"baseUrl": "http://127.0.0.1:%d"},
                         "workload": {"requests": [{"name": "io", "path": "/io?ms=10"}]},
                         "load": {"model": "closed", "users": 4, "warmup": "1s", "duration": "4s"}}
                        """.formatted(target.port()))
                        .body()
                        .get("id")
                        .asText();
                Poll.until("measured traffic", Duration.ofSeconds(60), () -> {
                    JsonNode progress = api.get("/api/v1/runs/" + runId).body().get("progress");
                    return progress != null && progress.get("requests").asLong() > 0
                            ? Optional.of(progress)
                            : Optional.empty();
                });

                first.close();
                Poll.until(
                        "the agent to finish its step with nobody to deliver to",
                        Duration.ofSeconds(60),
                        () -> agent.output().contains("run " + runId + " step 0 done")
                                ? Optional.of(true)
                                : Optional.empty());

                try (Coordinator second =
                        Coordinator.start(config.toBuilder().hazelcastPort(port).build())) {
                    Api again = Api.of(second);
                    JsonNode run = Poll.until("the re-delivered step", Duration.ofSeconds(90), () -> {
                        JsonNode body = again.get("/api/v1/runs/" + runId).body();
                        return body.get("steps").size() == 1 ? Optional.of(body) : Optional.empty();
                    });
                    long served = new Api("http://127.0.0.1:" + target.port())
                            .get("/stats")
                            .body()
                            .get("requests")
                            .asLong();
                    JsonNode step = run.get("steps").get(0);

                    assertThat(run.get("status").asText()).isEqualTo("FAILED");
                    assertThat(run.get("failure").asText()).contains("coordinator stopped");
                    // What it says about the target: nothing sure, the run was cut short (stored with the failure).
                    assertThat(run.get("verdict").get("outcome").asText()).isEqualTo("inconclusive");
                    assertThat(run.get("verdict").get("reason").asText()).startsWith("the run failed (");
                    assertThat(again.get("/api/v1/runs?verdict=inconclusive")
                                    .body()
                                    .get("runs"))
                            .extracting(listed -> listed.get("id").asText())
                            .contains(runId);
                    assertThat(step.get("requests").asLong()
                                    + step.get("warmupRequests").asLong())
                            .as("nothing measured is lost")
                            .isEqualTo(served);
                    assertThat(rows(second, "step_agent_results", runId)).isEqualTo(1);

                    deliverAgain(port, cluster, second, runId);

                    assertThat(rows(second, "step_agent_results", runId)).isEqualTo(1);
                    assertThat(rows(second, "steps", runId)).isEqualTo(1);
                    assertThat(again.get("/api/v1/runs/" + runId).body().get("steps"))
                            .isEqualTo(run.get("steps"));
                }
            }
        }
    }

    @Test
    void aSearchAStoppedCoordinatorLeftEndsFailedWithItsStoredProbesAndTheInterruptedProbeIsKept() throws Exception {
        String cluster = "restart-search-" + UUID.randomUUID();
        CoordinatorConfig config = CoordinatorConfig.local(dir.resolve("data"), cluster);
        try (TargetServer target = new TargetServer(TargetConfig.ephemeral(64)).start()) {
            Coordinator first = Coordinator.start(config);
            String address = first.clusterAddress();
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            try (AgentProcess agent = AgentProcess.start("prober", address, cluster, dir.resolve("agents"))) {
                Api api = Api.of(first);
                Poll.until(
                        "the agent to register",
                        Duration.ofSeconds(60),
                        () -> api.get("/api/v1/agents").body().size() == 1 ? Optional.of(1) : Optional.empty());
                String runId = api.post("/api/v1/runs", """
                        {"name": "search-survives", "target": {"baseUrl": "http://127.0.0.1:%d"},
                         "workload": {"requests": [{"name": "io", "path": "/io?ms=10"}]},
                         "load": {"model": "search", "rate": 10, "warmup": "1s", "duration": "5s"},
                         "slo": {"p99Ms": 500, "errorRate": 0.01}}
                        """.formatted(target.port()))
                        .body()
                        .get("id")
                        .asText();
                // Running, not only prepared: a second of the probe has arrived, so the agent has its start time; the
                // probe's 5 s left leave the coordinator ample time to stop before the probe ends.
                Poll.until("the second probe to run", Duration.ofSeconds(90), () -> {
                    JsonNode progress = api.get("/api/v1/runs/" + runId).body().get("progress");
                    return progress != null
                                    && progress.path("probe").asInt() == 2
                                    && progress.path("elapsedSeconds").asDouble() >= 1
                            ? Optional.of(progress)
                            : Optional.empty();
                });

                first.close();
                Poll.until(
                        "the agent to finish the second probe with nobody to deliver to",
                        Duration.ofSeconds(60),
                        () -> agent.output().split("run " + runId + " step 0 done", -1).length - 1 >= 2
                                ? Optional.of(true)
                                : Optional.empty());

                try (Coordinator second =
                        Coordinator.start(config.toBuilder().hazelcastPort(port).build())) {
                    JsonNode run = Api.of(second).get("/api/v1/runs/" + runId).body();
                    assertThat(run.get("status").asText()).isEqualTo("FAILED");
                    JsonNode step = run.get("steps").get(0);
                    assertThat(step.get("status").asText()).isEqualTo("FAILED");
                    JsonNode search = step.get("search");
                    assertThat(search.get("note").asText()).startsWith("the coordinator stopped during this search");
                    assertThat(search.get("probes")).hasSize(1);
                    assertThat(search.get("probes").get(0).get("rateRps").asDouble())
                            .isEqualTo(10.0);
                    assertThat(search.get("kneeRateRps").asDouble()).isEqualTo(10.0);
                    assertThat(step.get("slo").get("met").asBoolean()).isTrue();
                    // The interrupted probe's result, re-delivered by the agent, is stored beside the first's.
                    Poll.until(
                            "the second probe's result to be re-delivered and stored",
                            Duration.ofSeconds(60),
                            () -> rowsOf(second, runId) == 2 ? Optional.of(true) : Optional.empty());
                    assertThat(rows(second, "steps", runId)).isEqualTo(1);
                }
            }
        }
    }

    private static long rowsOf(Coordinator coordinator, String runId) {
        try {
            return rows(coordinator, "step_agent_results", runId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plays an agent sending the same stored result once more. The coordinator handles one sender's messages in order
     * on one thread, so the answer to a hello sent right after it proves the result was handled.
     */
    private static void deliverAgain(int port, String cluster, Coordinator coordinator, String runId) throws Exception {
        String json;
        try (Connection db = DriverManager.getConnection(coordinator.databaseJdbcUrl(), "postgres", "postgres");
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT result FROM step_agent_results WHERE run_id = '" + runId + "'")) {
            r.next();
            json = r.getString(1);
        }
        StepResult result = (StepResult) Messages.toCoordinator(json);
        try (AgentEndpoint twin = AgentEndpoint.join("replayer", "127.0.0.1", port, "127.0.0.1", cluster)) {
            twin.send(result);
            twin.send(new Hello(
                    new AgentInfo("replayer", "localhost", 1, ProtocolVersion.CURRENT, "test", twin.memberUuid())));
            ToAgent answer = twin.receive(Duration.ofSeconds(30));
            assertThat(answer).isEqualTo(new Welcome(ProtocolVersion.CURRENT));
        }
    }

    private static long rows(Coordinator coordinator, String table, String runId) throws Exception {
        try (Connection db = DriverManager.getConnection(coordinator.databaseJdbcUrl(), "postgres", "postgres");
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table + " WHERE run_id = '" + runId + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
