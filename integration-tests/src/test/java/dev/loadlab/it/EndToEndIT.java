package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.protocol.ProtocolVersion;
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
 * The walking skeleton on real parts: a scenario goes in over REST, through Hazelcast to an agent in its own JVM,
 * through Gatling to the target, and its result comes back from PostgreSQL, also after a coordinator restart.
 */
class EndToEndIT {
    @TempDir
    Path dir;

    @Test
    void scenarioFlowsFromRestThroughAnAgentIntoPostgresAndSurvivesARestart() throws Exception {
        String cluster = "e2e-" + UUID.randomUUID();
        CoordinatorConfig config = CoordinatorConfig.local(dir.resolve("data"), cluster);
        try (TargetServer target = new TargetServer(TargetConfig.ephemeral(64)).start()) {
            String runId;
            JsonNode run;
            String jdbcUrl;
            try (Coordinator coordinator = Coordinator.start(config);
                    AgentProcess agent = AgentProcess.start(
                            "agent-1", coordinator.clusterAddress(), cluster, dir.resolve("agents"))) {
                Api api = Api.of(coordinator);
                JsonNode agents = Poll.until("agent-1 to register", Duration.ofSeconds(60), () -> {
                    JsonNode body = api.get("/api/v1/agents").body();
                    return body.size() == 1 ? Optional.of(body) : Optional.empty();
                });
                assertThat(agents.get(0).get("id").asText()).isEqualTo("agent-1");
                assertThat(agents.get(0).get("state").asText()).isEqualTo("IDLE");
                assertThat(agents.get(0).get("cores").asInt()).isPositive();
                assertThat(agents.get(0).get("protocolVersion").asInt()).isEqualTo(ProtocolVersion.CURRENT);
                assertThat(agents.get(0).get("host").asText()).isNotBlank();

                String scenario = """
                        {"name": "mixed-80-20",
                         "target": {"baseUrl": "http://127.0.0.1:%d"},
                         "workload": {"requests": [
                           {"name": "io",  "method": "GET", "path": "/io?ms=20", "weight": 80},
                           {"name": "cpu", "method": "GET", "path": "/cpu?ms=5", "weight": 20}]},
                         "load": {"model": "closed", "users": 16, "warmup": "2s", "duration": "10s"},
                         "agents": 1}
                        """.formatted(target.port());
                Api.Reply submitted = api.post("/api/v1/runs", scenario);
                assertThat(submitted.status()).isEqualTo(202);
                runId = submitted.body().get("id").asText();
                assertThat(submitted.location()).isEqualTo("/api/v1/runs/" + runId);

                run = Poll.until("the run to finish", Duration.ofSeconds(90), () -> {
                    JsonNode body = api.get("/api/v1/runs/" + runId).body();
                    String status = body.get("status").asText();
                    return status.equals("QUEUED") || status.equals("RUNNING") ? Optional.empty() : Optional.of(body);
                });
                assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
                assertThat(run.get("startedAt").asText()).isNotBlank();
                assertThat(run.get("finishedAt").asText()).isNotBlank();
                assertThat(run.get("scenario").get("load").get("warmup").asText())
                        .isEqualTo("2s");

                JsonNode step = run.get("steps").get(0);
                // Printed so that a CI log shows how close to its bounds a run came.
                System.out.println("EndToEndIT step: " + step.get("requests") + " requests, "
                        + step.get("throughputRps") + " req/s, io "
                        + step.get("byRequest").get("io").get("latencyMs")
                        + ", cpu " + step.get("byRequest").get("cpu").get("latencyMs"));
                long measured = step.get("requests").asLong();
                long warmup = step.get("warmupRequests").asLong();
                long served = new Api("http://127.0.0.1:" + target.port())
                        .get("/stats")
                        .body()
                        .get("requests")
                        .asLong();
                // Every response the target sent was recorded by the agent, either in the warm-up or in the window.
                assertThat(measured + warmup).as("measured + warm-up vs served").isEqualTo(served);
                assertThat(warmup).isPositive();
                assertThat(measured).isGreaterThan(1000);
                assertThat(step.get("errors").asLong()).isZero();
                assertThat(step.get("agents").asInt()).isEqualTo(1);
                assertThat(step.get("throughputRps").asDouble()).isPositive();
                JsonNode io = step.get("byRequest").get("io");
                assertThat(io.get("latencyMs").get("p50").asLong()).isBetween(20L, 30L);
                assertThat(io.get("requests").asLong()
                                + step.get("byRequest")
                                        .get("cpu")
                                        .get("requests")
                                        .asLong())
                        .isEqualTo(measured);
                assertThat((double) io.get("requests").asLong() / measured).isBetween(0.7, 0.9);
                assertThat(step.get("latencyMs").get("p99").asLong())
                        .isGreaterThanOrEqualTo(step.get("latencyMs").get("p50").asLong());
                assertThat(run.get("measurement").get("latencyMs").asText()).contains("1 ms resolution");

                JsonNode listed = api.get("/api/v1/runs").body().get("runs");
                assertThat(listed.get(0).get("id").asText()).isEqualTo(runId);

                jdbcUrl = coordinator.databaseJdbcUrl();
                try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                        Statement s = db.createStatement()) {
                    assertThat(count(
                                    s, "SELECT count(*) FROM runs WHERE id = '" + runId + "' AND status = 'SUCCEEDED'"))
                            .isEqualTo(1);
                    assertThat(count(s, "SELECT requests FROM steps WHERE run_id = '" + runId + "'"))
                            .isEqualTo(measured);
                    assertThat(count(
                                    s,
                                    "SELECT count(*) FROM step_requests WHERE run_id = '" + runId
                                            + "' AND length(histogram) > 0"))
                            .isEqualTo(2);
                    assertThat(count(
                                    s,
                                    "SELECT count(*) FROM step_agents WHERE run_id = '" + runId
                                            + "' AND agent_id = 'agent-1' AND users = 16"))
                            .isEqualTo(1);
                }
            }

            try (Coordinator restarted = Coordinator.start(config)) {
                Api api = Api.of(restarted);
                JsonNode again = api.get("/api/v1/runs/" + runId).body();
                assertThat(again.get("status").asText()).isEqualTo("SUCCEEDED");
                assertThat(again.get("steps")).isEqualTo(run.get("steps"));
                assertThat(api.get("/api/v1/runs")
                                .body()
                                .get("runs")
                                .get(0)
                                .get("id")
                                .asText())
                        .isEqualTo(runId);
            }
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
