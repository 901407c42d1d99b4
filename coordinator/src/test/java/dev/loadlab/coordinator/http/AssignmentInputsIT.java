package dev.loadlab.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.cluster.AgentEndpoint;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.ToAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a step's assignments carry, seen from two stand-in agents on a real Hazelcast cluster: each agent's index, the
 * values of only the secrets the scenario names, and its dataset rows (a queue: disjoint, contiguous slices); a run
 * whose secret was deleted before it started fails naming it; and the stored run keeps the reference, never the
 * value.
 */
class AssignmentInputsIT {
    private static final String VALUE = "assign-s3cret-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void assignmentsCarryTheAgentsIndexItsSecretsAndItsSliceOfTheDataset() throws Exception {
        String clusterName = "assign-" + UUID.randomUUID();
        try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.local(dir, clusterName))) {
            StringBuilder csv = new StringBuilder("user,n\n");
            for (int i = 0; i < 11; i++) {
                csv.append("u").append(i).append(',').append(i).append('\n');
            }
            assertThat(send(coordinator, "POST", "/api/v1/datasets?name=people", "text/csv", csv.toString())
                            .statusCode())
                    .isEqualTo(201);
            for (String name : List.of("api-key", "unused", "gone")) {
                String body = "{\"name\": \"" + name + "\", \"value\": \"" + VALUE + "-" + name + "\"}";
                assertThat(send(coordinator, "POST", "/api/v1/secrets", "application/json", body)
                                .statusCode())
                        .isEqualTo(201);
            }

            // Submitted while the secret exists, deleted before any agent can take the run: it fails naming it.
            String doomed = json(send(
                            coordinator, "POST", "/api/v1/runs", "application/json", scenario("gone", "circular")))
                    .get("id")
                    .asText();
            assertThat(send(coordinator, "DELETE", "/api/v1/secrets/gone", null, null)
                            .statusCode())
                    .isEqualTo(204);

            String[] address = coordinator.clusterAddress().split(":");
            List<AgentEndpoint> agents = new ArrayList<>();
            try {
                for (String id : List.of("a0", "a1")) {
                    AgentEndpoint agent =
                            AgentEndpoint.join(id, address[0], Integer.parseInt(address[1]), "127.0.0.1", clusterName);
                    agents.add(agent);
                    agent.send(new Hello(
                            new AgentInfo(id, "localhost", 1, ProtocolVersion.CURRENT, "test", agent.memberUuid())));
                }

                JsonNode failed = Poll.until(
                        "the run whose secret was deleted to fail",
                        Duration.ofSeconds(60),
                        () -> run(coordinator, doomed),
                        r -> r.get("status").asText().equals("FAILED"));
                assertThat(failed.toString()).contains("secret gone").doesNotContain(VALUE);

                String runId = json(send(
                                coordinator, "POST", "/api/v1/runs", "application/json", scenario("api-key", "queue")))
                        .get("id")
                        .asText();
                List<Assignment> assignments = new ArrayList<>();
                for (AgentEndpoint agent : agents) {
                    assignments.add(nextAssignment(agent, runId));
                }
                assignments.sort((x, y) -> Integer.compare(x.agentIndex(), y.agentIndex()));

                assertThat(assignments).extracting(Assignment::agentIndex).containsExactly(0, 1);
                List<String> users = new ArrayList<>();
                for (Assignment assignment : assignments) {
                    assertThat(assignment.secrets()).containsOnlyKeys("api-key");
                    assertThat(assignment.secrets().get("api-key")).isEqualTo(VALUE + "-api-key");
                    assertThat(assignment.toString()).doesNotContain(VALUE);
                    assertThat(assignment.dataset().columns()).containsExactly("user", "n");
                    assignment.dataset().rows().forEach(row -> users.add(row.get(0)));
                    // The scenario on the wire still says ${secret:api-key}; the value travels in secrets only.
                    assertThat(Json.write(assignment.scenario())).contains("${secret:api-key}");
                }
                assertThat(assignments.get(0).dataset().rows()).hasSize(5);
                assertThat(assignments.get(1).dataset().rows()).hasSize(6);
                assertThat(users).containsExactly("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10");

                String stored = run(coordinator, runId).toString();
                assertThat(stored).contains("${secret:api-key}").doesNotContain(VALUE);
            } finally {
                agents.forEach(AgentEndpoint::close);
            }
        }
    }

    private static Assignment nextAssignment(AgentEndpoint agent, String runId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            ToAgent message = agent.receive(Duration.ofSeconds(5));
            if (message instanceof Assignment assignment
                    && assignment.runId().toString().equals(runId)) {
                return assignment;
            }
        }
        throw new AssertionError("no assignment for run " + runId + " within 60 s");
    }

    /** Two agents, a dataset with the given strategy, and the secret {@code secret} in a header. */
    private static String scenario(String secret, String strategy) {
        return """
                {"name": "assign",
                 "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {
                   "dataset": {"name": "people", "strategy": "%s"},
                   "requests": [{"name": "io", "path": "/io?u=${user}",
                                 "headers": {"Authorization": "Bearer ${secret:%s}"}}]},
                 "load": {"model": "closed", "users": 2, "duration": "30s"},
                 "agents": 2}
                """.formatted(strategy, secret);
    }

    private JsonNode run(Coordinator coordinator, String id) {
        return json(send(coordinator, "GET", "/api/v1/runs/" + id, null, null));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return Json.read(response.body(), JsonNode.class);
    }

    private HttpResponse<String> send(
            Coordinator coordinator, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + path))
                .header("Authorization", "Bearer " + coordinator.apiToken())
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
