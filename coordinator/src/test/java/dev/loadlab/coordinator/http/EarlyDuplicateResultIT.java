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
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.Start;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
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
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent sends its result a second time while the step still waits for another agent (its acknowledgement had not
 * reached it when its resend timer fired): the step is concluded once, from both agents, by the step's own driver. Two
 * stand-in agents on a real Hazelcast cluster with a real coordinator and PostgreSQL. Before the fix the duplicate was
 * taken for a re-delivery after a restart: the step was stored early from one agent, and the step's own conclusion
 * then hit a duplicate key and retried for ever, so the run never ended.
 */
class EarlyDuplicateResultIT {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aResultSentTwiceBeforeTheOtherAgentsIsStoredOnceAndTheStepEndsFromBoth() throws Exception {
        String clusterName = "duplicate-" + UUID.randomUUID();
        try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.local(dir, clusterName))) {
            String[] address = coordinator.clusterAddress().split(":");
            List<AgentEndpoint> agents = new ArrayList<>();
            try {
                for (String id : List.of("d0", "d1")) {
                    AgentEndpoint agent =
                            AgentEndpoint.join(id, address[0], Integer.parseInt(address[1]), "127.0.0.1", clusterName);
                    agents.add(agent);
                    agent.send(new Hello(
                            new AgentInfo(id, "localhost", 1, ProtocolVersion.CURRENT, "test", agent.memberUuid())));
                }
                String runId = submit(coordinator);
                List<Assignment> assignments = new ArrayList<>();
                for (AgentEndpoint agent : agents) {
                    Assignment assignment = next(agent, Assignment.class, runId);
                    assignments.add(assignment);
                    agent.send(new Ready(
                            assignment.runId(),
                            assignment.stepIndex(),
                            assignment.probe(),
                            "d" + (assignments.size() - 1)));
                }
                for (AgentEndpoint agent : agents) {
                    next(agent, Start.class, runId);
                }

                StepResult first = result(assignments.get(0), "d0", 100);
                agents.get(0).send(first);
                agents.get(0).send(first);
                // Both deliveries handled (each is acknowledged) before the other agent's result goes out.
                next(agents.get(0), ResultAck.class, runId);
                next(agents.get(0), ResultAck.class, runId);
                assertThat(run(coordinator, runId).get("status").asText()).isEqualTo("RUNNING");

                agents.get(1).send(result(assignments.get(1), "d1", 60));
                JsonNode ended = Poll.until(
                        "the run to end", Duration.ofSeconds(30), () -> run(coordinator, runId), r -> !r.get("status")
                                .asText()
                                .equals("RUNNING"));

                assertThat(ended.get("status").asText())
                        .as(ended.toPrettyString())
                        .isEqualTo("SUCCEEDED");
                JsonNode step = ended.get("steps").get(0);
                assertThat(step.get("requests").asLong())
                        .as("both agents, the first once")
                        .isEqualTo(160);
                assertThat(step.get("agentsLost").size()).isZero();
            } finally {
                agents.forEach(AgentEndpoint::close);
            }
        }
    }

    private static StepResult result(Assignment assignment, String agent, long requests) {
        Histogram histogram = HistogramCodec.newHistogram();
        for (long i = 0; i < requests; i++) {
            histogram.recordValue(5);
        }
        Instant to = Instant.now();
        return new StepResult(
                assignment.runId(),
                assignment.stepIndex(),
                assignment.probe(),
                agent,
                null,
                to.minusSeconds(2),
                to,
                0,
                List.of(new RequestResult("io", requests, 0, Map.of(), HistogramCodec.toBase64(histogram))),
                0L,
                0.1,
                false,
                false);
    }

    private static <T extends ToAgent> T next(AgentEndpoint agent, Class<T> type, String runId)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            ToAgent message = agent.receive(Duration.ofSeconds(5));
            if (type.isInstance(message) && message.toString().contains(runId)) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " for run " + runId + " within 60 s");
    }

    private String submit(Coordinator coordinator) throws IOException, InterruptedException {
        String scenario = """
                {"name": "duplicate",
                 "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "io", "path": "/io"}]},
                 "load": {"model": "closed", "users": 2, "duration": "2s"},
                 "agents": 2}
                """;
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + "/api/v1/runs"))
                        .header("Authorization", "Bearer " + coordinator.apiToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(scenario))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        return Json.read(reply.body(), JsonNode.class).get("id").asText();
    }

    private JsonNode run(Coordinator coordinator, String runId) {
        try {
            HttpResponse<String> reply = http.send(
                    HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + "/api/v1/runs/" + runId))
                            .header("Authorization", "Bearer " + coordinator.apiToken())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return Json.read(reply.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
