package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.targethost.TargetConfig;
import dev.loadlab.targethost.TargetServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed execution with three agent JVMs on one machine: an exact split whose sum is what the target served, one
 * start for all, a live timeline, cancel, and an agent killed with SIGKILL under both loss policies.
 *
 * <p>One target, coordinator and three agents serve every test (each start costs about 25 s of a loaded CI machine);
 * before each test, an agent a previous test killed is replaced by a new JVM under a new id, and the target's count
 * is read, so each test compares what it sent with what the target served since.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedIT {
    private static final int AGENTS = 3;

    // Static: JUnit fills a static @TempDir before @BeforeAll, an instance one only before each test.
    @TempDir
    static Path dir;

    private final List<AgentProcess> agents = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private int started;
    private long servedBefore;
    private TargetServer target;
    private Coordinator coordinator;
    private Api api;
    private String cluster;

    @BeforeAll
    void start() {
        target = new TargetServer(TargetConfig.ephemeral(64)).start();
        cluster = "distributed-" + UUID.randomUUID();
        coordinator = Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), cluster));
        api = Api.of(coordinator);
        for (int i = 0; i < AGENTS; i++) {
            agents.add(null);
            ids.add(null);
        }
    }

    /** Three live, idle agents, a dead one replaced; and the target's count before the test. */
    @BeforeEach
    void threeIdleAgents() {
        for (int i = 0; i < AGENTS; i++) {
            if (agents.get(i) == null || !agents.get(i).process().isAlive()) {
                String id = "a" + (++started);
                ids.set(i, id);
                agents.set(i, AgentProcess.start(id, coordinator.clusterAddress(), cluster, dir.resolve("agents")));
            }
        }
        Poll.until(
                "three idle agents " + ids,
                Duration.ofSeconds(90),
                () -> ids.stream().allMatch(this::idle) ? Optional.of(true) : none());
        servedBefore = servedSoFar();
    }

    @AfterAll
    void stop() throws Exception {
        for (AgentProcess agent : agents) {
            if (agent != null) {
                agent.close();
            }
        }
        coordinator.close();
        target.close();
    }

    @Test
    void threeAgentsSplitTheLoadStartTogetherAndAddUpToWhatTheTargetServed() {
        String id = submit(scenario(10, "3s", "continue"));
        JsonNode run = awaitFinal(id, Duration.ofSeconds(90));

        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        JsonNode step = run.get("steps").get(0);
        System.out.println("DistributedIT step: skew " + step.get("startSkewMs") + " ms, cpu "
                + step.get("agentCpuShare") + ", generatorBound " + step.get("generatorBound"));
        long served = served();
        assertThat(step.get("requests").asLong() + step.get("warmupRequests").asLong())
                .isEqualTo(served);
        assertThat(StreamSupport.stream(step.get("agentShares").spliterator(), false)
                        .map(a -> a.get("users").asInt())
                        .sorted()
                        .toList())
                .containsExactly(3, 3, 4);
        assertThat(step.get("agents").asInt()).isEqualTo(3);
        assertThat(step.get("startSkewMs").asLong())
                .as("the issue's target: within 10 ms on one machine")
                .isBetween(-10L, 10L);
        assertThat(step.get("agentCpuShare").asDouble()).isBetween(0.0, 1.0);

        JsonNode seconds =
                api.get("/api/v1/runs/" + id + "/steps/0/timeline").body().get("seconds");
        long measured = 0;
        for (JsonNode second : seconds) {
            if (!second.get("warmup").asBoolean()) {
                measured += second.get("requests").asLong();
            }
        }
        assertThat(measured).isEqualTo(step.get("requests").asLong());
        assertThat(seconds.get(seconds.size() / 2).get("agentCpuShare").size()).isEqualTo(3);
    }

    @Test
    void cancelStopsEveryAgentSoonKeepsWhatWasMeasuredAndRefusesASecondCancel() {
        String id = submit(scenario(6, "60s", "continue"));
        Poll.until("measured traffic", Duration.ofSeconds(60), () -> {
            JsonNode progress = api.get("/api/v1/runs/" + id).body().get("progress");
            return progress != null
                            && !progress.get("warmingUp").asBoolean()
                            && progress.get("requests").asLong() > 0
                    ? Optional.of(progress)
                    : none();
        });

        JsonNode live = Poll.until("a second on the live timeline", Duration.ofSeconds(10), () -> {
            JsonNode secondsSoFar =
                    api.get("/api/v1/runs/" + id + "/steps/0/timeline").body().get("seconds");
            return secondsSoFar.size() > 0 ? Optional.of(secondsSoFar) : none();
        });
        assertThat(live.get(0).get("agentCpuShare").size())
                .as("the timeline while the step runs")
                .isEqualTo(3);

        long cancelledAt = System.nanoTime();
        Api.Reply cancel = api.post("/api/v1/runs/" + id + "/cancel", "");
        JsonNode run = awaitFinal(id, Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - cancelledAt) / 1e9;
        System.out.println("DistributedIT cancel: " + seconds + " s from cancel to a stored CANCELLED run");

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(run.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(seconds).as("seconds from cancel to a stored CANCELLED run").isLessThan(2.0);
        JsonNode step = run.get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(step.get("requests").asLong()).isPositive();
        assertThat(step.get("requests").asLong() + step.get("warmupRequests").asLong())
                .isEqualTo(served());
        Api.Reply again = api.post("/api/v1/runs/" + id + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aKilledAgentUnderContinueLeavesADegradedStepFinishedByTheOthers() throws Exception {
        String id = submit(scenario(6, "8s", "continue"));
        awaitMeasuring(id);

        long killedAt = System.nanoTime();
        String killed = ids.get(1);
        agents.get(1).process().destroyForcibly();
        Poll.until(
                "the coordinator to notice agent " + killed + " is gone",
                Duration.ofSeconds(10),
                () -> registered(killed) ? none() : Optional.of(true));
        double noticed = (System.nanoTime() - killedAt) / 1e9;
        System.out.println("DistributedIT kill -9: noticed after " + noticed + " s");
        JsonNode run = awaitFinal(id, Duration.ofSeconds(60));

        assertThat(noticed).as("seconds until a dead agent is noticed").isLessThan(5.0);
        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        JsonNode step = run.get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(step.get("agentsLost").toString()).isEqualTo("[\"" + killed + "\"]");
        assertThat(step.get("requests").asLong()).isPositive();
        JsonNode seconds =
                api.get("/api/v1/runs/" + id + "/steps/0/timeline").body().get("seconds");
        assertThat(seconds.get(0).get("agentCpuShare").has(killed))
                .as("intervals received before the loss stay")
                .isTrue();
    }

    @Test
    void aKilledAgentUnderAbortStopsTheOthersAndFailsTheRunSoon() throws Exception {
        String id = submit(scenario(6, "60s", "abort"));
        awaitMeasuring(id);

        String killed = ids.get(0);
        long killedAt = System.nanoTime();
        agents.get(0).process().destroyForcibly();
        JsonNode run = awaitFinal(id, Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - killedAt) / 1e9;

        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(seconds).as("seconds from kill to a failed run").isLessThan(12.0);
        JsonNode step = run.get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("FAILED");
        assertThat(step.get("agentsLost").toString()).isEqualTo("[\"" + killed + "\"]");
        assertThat(step.get("failure").asText()).contains("onAgentLoss is abort");
    }

    private String scenario(int users, String duration, String onAgentLoss) {
        return """
                {"name": "three-agents",
                 "target": {"baseUrl": "http://127.0.0.1:%d"},
                 "workload": {"requests": [{"name": "io", "path": "/io?ms=10"}]},
                 "load": {"model": "closed", "users": %d, "warmup": "1s", "duration": "%s"},
                 "agents": 3, "onAgentLoss": "%s"}
                """.formatted(target.port(), users, duration, onAgentLoss);
    }

    private String submit(String scenario) {
        Api.Reply reply = api.post("/api/v1/runs", scenario);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(202);
        return reply.body().get("id").asText();
    }

    private void awaitMeasuring(String id) {
        Poll.until("measured traffic", Duration.ofSeconds(60), () -> {
            JsonNode progress = api.get("/api/v1/runs/" + id).body().get("progress");
            return progress != null
                            && !progress.get("warmingUp").asBoolean()
                            && progress.get("requests").asLong() > 0
                    ? Optional.of(progress)
                    : none();
        });
    }

    private JsonNode awaitFinal(String id, Duration timeout) {
        return Poll.until("run " + id + " to end", timeout, () -> {
            JsonNode run = api.get("/api/v1/runs/" + id).body();
            String status = run.get("status").asText();
            return status.equals("QUEUED") || status.equals("RUNNING") ? none() : Optional.of(run);
        });
    }

    /** What the target served since this test began. */
    private long served() {
        return servedSoFar() - servedBefore;
    }

    private long servedSoFar() {
        return new Api("http://127.0.0.1:" + target.port())
                .get("/stats")
                .body()
                .get("requests")
                .asLong();
    }

    private boolean idle(String id) {
        return StreamSupport.stream(api.get("/api/v1/agents").body().spliterator(), false)
                .anyMatch(a -> a.get("id").asText().equals(id)
                        && a.get("state").asText().equals("IDLE"));
    }

    private boolean registered(String id) {
        return StreamSupport.stream(api.get("/api/v1/agents").body().spliterator(), false)
                .anyMatch(a -> a.get("id").asText().equals(id));
    }

    private static <T> Optional<T> none() {
        return Optional.empty();
    }
}
