package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets are checked twice: an agent refuses an assignment whose target is not on its own allowlist, whatever the
 * coordinator allowed, and sends nothing; the run shows the agent's reason.
 */
class TargetAllowlistIT {
    @TempDir
    Path dir;

    @Test
    void anAgentRefusesATargetOutsideItsOwnAllowlistAndSendsNothing() throws Exception {
        AtomicInteger served = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
        String clusterName = "allowlist-" + UUID.randomUUID();
        try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), clusterName));
                AgentProcess agent = AgentProcess.start(
                        List.of(),
                        "fenced",
                        coordinator.clusterAddress(),
                        clusterName,
                        dir.resolve("agent"),
                        List.of("--allowed-targets", "10.255.255.1"))) {
            Api api = Api.of(coordinator);
            Poll.until("the agent to register", Duration.ofSeconds(60), () -> StreamSupport.stream(
                            api.get("/api/v1/agents").body().spliterator(), false)
                    .filter(a -> a.get("state").asText().equals("IDLE"))
                    .findFirst());
            String url = "http://127.0.0.1:" + target.getAddress().getPort();

            Api.Reply submitted = api.post("/api/v1/runs", """
                    {"name": "fenced", "target": {"baseUrl": "%s"},
                     "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                     "load": {"model": "closed", "users": 2, "warmup": "1s", "duration": "1s"}}
                    """.formatted(url));

            assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
            String id = submitted.body().get("id").asText();
            JsonNode run = Poll.until("the run to end", Duration.ofSeconds(60), () -> {
                JsonNode view = api.get("/api/v1/runs/" + id).body();
                return view.get("status").asText().equals("FAILED")
                                || view.get("status").asText().equals("SUCCEEDED")
                        ? Optional.of(view)
                        : Optional.empty();
            });
            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("FAILED");
            JsonNode step = run.get("steps").get(0);
            assertThat(step.get("failure").asText())
                    .as(run.toPrettyString())
                    .contains("agent fenced refused the step, nothing was sent")
                    .contains("host 127.0.0.1 is not on the target allowlist [10.255.255.1]")
                    .contains("--allowed-targets");
            assertThat(step.get("requests").asLong()).isZero();
            assertThat(served.get()).as("requests that reached the target").isZero();
            assertThat(agent.output()).contains("refused the step");
        } finally {
            target.stop(0);
        }
    }

    @Test
    void anAgentSendsToANameWhoseAddressesAreAllAllowedAndNowhereElse() throws Exception {
        AtomicInteger served = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
        String clusterName = "allowlist-name-" + UUID.randomUUID();
        try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), clusterName));
                AgentProcess agent = AgentProcess.start(
                        List.of(),
                        "by-name",
                        coordinator.clusterAddress(),
                        clusterName,
                        dir.resolve("agent"),
                        List.of("--allowed-targets", "127.0.0.0/8,::1/128"))) {
            Api api = Api.of(coordinator);
            Poll.until("the agent to register", Duration.ofSeconds(60), () -> StreamSupport.stream(
                            api.get("/api/v1/agents").body().spliterator(), false)
                    .filter(a -> a.get("state").asText().equals("IDLE"))
                    .findFirst());

            // localhost is not listed on the agent: it passes because every address it resolves to is loopback.
            Api.Reply submitted =
                    api.post("/api/v1/runs", """
                    {"name": "by-name", "target": {"baseUrl": "http://localhost:%d"},
                     "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                     "load": {"model": "closed", "users": 2, "warmup": "1s", "duration": "1s"}}
                    """.formatted(target.getAddress().getPort()));

            assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
            String id = submitted.body().get("id").asText();
            JsonNode run = Poll.until("the run to end", Duration.ofSeconds(60), () -> {
                JsonNode view = api.get("/api/v1/runs/" + id).body();
                return view.get("status").asText().matches("SUCCEEDED|FAILED|CANCELLED")
                        ? Optional.of(view)
                        : Optional.empty();
            });
            assertThat(run.get("status").asText())
                    .as(run.toPrettyString() + agent.output())
                    .isEqualTo("SUCCEEDED");
            JsonNode step = run.get("steps").get(0);
            assertThat(step.get("requests").asLong()).isPositive();
            assertThat(step.get("errors").asLong()).isZero();
            assertThat(served.get()).isPositive();
        } finally {
            target.stop(0);
        }
    }

    @Test
    void aQueuedRunWhoseTargetIsNoLongerAllowedFailsItsStepWithNothingSent() throws Exception {
        AtomicInteger served = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
        String clusterName = "allowlist-changed-" + UUID.randomUUID();
        CoordinatorConfig before = CoordinatorConfig.local(dir.resolve("data"), clusterName);
        String id;
        try (Coordinator coordinator = Coordinator.start(before)) {
            // No agent yet: the run waits in the queue, stored, and outlives this coordinator.
            Api.Reply submitted = Api.of(coordinator)
                    .post("/api/v1/runs", """
                    {"name": "queued", "target": {"baseUrl": "http://127.0.0.1:%d"},
                     "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                     "load": {"model": "closed", "users": 1, "warmup": "1s", "duration": "1s"}}
                    """.formatted(target.getAddress().getPort()));
            assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
            id = submitted.body().get("id").asText();
        }
        CoordinatorConfig after =
                before.toBuilder().allowedTargets(List.of("10.255.255.1")).build();
        try (Coordinator coordinator = Coordinator.start(after);
                AgentProcess agent = AgentProcess.start(
                        List.of(),
                        "open-minded",
                        coordinator.clusterAddress(),
                        clusterName,
                        dir.resolve("agent"),
                        List.of("--allowed-targets", "127.0.0.0/8"))) {
            Api api = Api.of(coordinator);
            JsonNode run = Poll.until("the queued run to end", Duration.ofSeconds(90), () -> {
                JsonNode view = api.get("/api/v1/runs/" + id).body();
                return view.get("status").asText().matches("SUCCEEDED|FAILED|CANCELLED")
                        ? Optional.of(view)
                        : Optional.empty();
            });

            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("FAILED");
            assertThat(run.get("steps").get(0).get("failure").asText())
                    .as(run.toPrettyString())
                    .contains("nothing was sent: the target is no longer allowed")
                    .contains("$.target.baseUrl: host 127.0.0.1 is not on the target allowlist [10.255.255.1]");
            assertThat(served.get()).as("requests that reached the target").isZero();
        } finally {
            target.stop(0);
        }
    }
}
