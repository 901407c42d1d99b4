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

/**
 * The reference target app and a coordinator (embedded PostgreSQL) in this JVM, and {@code n} agents each in its own
 * JVM from the agent's executable jar, all on 127.0.0.1 and ports chosen by the system. For tests that drive LoadLab
 * through its REST API only. Close it to stop all. Not thread-safe.
 */
final class AppStack implements AutoCloseable {
    final TargetServer target;
    final Coordinator coordinator;
    final Api api;
    final List<AgentProcess> agents = new ArrayList<>();

    private AppStack(TargetServer target, Coordinator coordinator) {
        this.target = target;
        this.coordinator = coordinator;
        this.api = Api.of(coordinator);
    }

    /** Starts the target, the coordinator and {@code agents} agents, and waits until every agent is idle. */
    static AppStack start(Path dir, String name, int agents) {
        TargetServer target = new TargetServer(TargetConfig.ephemeral(64)).start();
        String cluster = name + "-" + UUID.randomUUID();
        AppStack stack;
        try {
            stack = new AppStack(target, Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), cluster)));
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
        try {
            for (int i = 1; i <= agents; i++) {
                stack.agents.add(AgentProcess.start(
                        name + "-agent-" + i, stack.coordinator.clusterAddress(), cluster, dir.resolve("agents")));
            }
            Poll.until(
                    agents + " idle agents",
                    Duration.ofSeconds(90),
                    () -> stack.idleAgents() == agents ? Optional.of(true) : Optional.empty());
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    /** The target's base URL, e.g. {@code http://127.0.0.1:40123}. */
    String targetUrl() {
        return "http://127.0.0.1:" + target.port();
    }

    /** A client of the target app itself. */
    Api targetApi() {
        return new Api(targetUrl());
    }

    /** A client of the target app with a bearer token from its own {@code POST /login}. */
    Api targetApiLoggedIn() {
        Api.Reply login = targetApi().post("/login", "{\"user\": \"it\", \"password\": \"loadlab\"}");
        assertThat(login.status()).as(String.valueOf(login.body())).isEqualTo(200);
        return new Api(targetUrl(), login.body().get("token").asText());
    }

    /** The target's own {@code GET /stats}: what it served. */
    JsonNode targetStats() {
        return targetApi().get("/stats").body();
    }

    /** Submits {@code scenario} (JSON) and returns the run's id. */
    String submit(String scenario) {
        Api.Reply submitted = api.post("/api/v1/runs", scenario);
        assertThat(submitted.status()).as(String.valueOf(submitted.body())).isEqualTo(202);
        return submitted.body().get("id").asText();
    }

    /** Submits {@code scenario} and returns the run once it is final. */
    JsonNode runToEnd(String scenario, Duration timeout) {
        return awaitEnd(submit(scenario), timeout);
    }

    /** The run once it is final (neither queued nor running). */
    JsonNode awaitEnd(String id, Duration timeout) {
        return Poll.until("run " + id + " to finish", timeout, () -> {
            JsonNode run = api.get("/api/v1/runs/" + id).body();
            String status = run.get("status").asText();
            return status.equals("QUEUED") || status.equals("RUNNING") ? Optional.empty() : Optional.of(run);
        });
    }

    /** Uploads a CSV dataset through {@code POST /api/v1/datasets} ({name, format, content}) and checks the 201. */
    JsonNode uploadCsv(String name, String csv) {
        String body =
                "{\"name\": " + Jsons.quote(name) + ", \"format\": \"csv\", \"content\": " + Jsons.quote(csv) + "}";
        Api.Reply reply = api.post("/api/v1/datasets", body);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
        return reply.body();
    }

    private long idleAgents() {
        return StreamSupport.stream(api.get("/api/v1/agents").body().spliterator(), false)
                .filter(a -> a.get("state").asText().equals("IDLE"))
                .count();
    }

    @Override
    public void close() {
        for (AgentProcess agent : agents) {
            try {
                agent.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        coordinator.close();
        target.close();
    }
}
