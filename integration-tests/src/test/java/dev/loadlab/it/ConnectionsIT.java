package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's {@code load.connections} decides how a multi-process server spreads its work: the built-in {@code
 * async} profile at W = 2 (two processes of one event loop each, accepting on one port with SO_REUSEPORT, keep-alive)
 * counts the requests each worker served. One user on one keep-alive connection ({@code per-user}) lands on one worker
 * for the whole step; with {@code close-each} every request is a new connection, which the kernel hashes to a listener
 * by its 4-tuple (a new source port each time), so the requests spread over both. Target host, coordinator and agent
 * as the demo starts them; each run is one step of 1 s warm-up and 3 s measured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsIT {
    @TempDir
    static Path dir;

    private HostStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = HostStack.start(dir, "connections");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void oneUserOnItsOwnKeepAliveConnectionStaysOnOneWorker() {
        JsonNode run = run(1, "per-user");

        assertThat(run.get("connections").asText()).isEqualTo("per-user");
        List<Long> perWorker = workerRequests(step(run));
        System.out.println("ConnectionsIT per-user, 1 user: requests per worker " + perWorker);
        assertThat(largestShare(perWorker)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void aNewConnectionPerRequestSpreadsOverTheWorkers() {
        JsonNode run = run(4, "close-each");

        assertThat(run.get("connections").asText()).isEqualTo("close-each");
        assertThat(run.get("measurement").get("connections").asText()).contains("close-each");
        List<Long> perWorker = workerRequests(step(run));
        System.out.println("ConnectionsIT close-each, 4 users: requests per worker " + perWorker);
        // Hundreds of connections hashed over two listeners: a share above 85 % would be a coin landing heads
        // hundreds of times out of a few hundred, not chance.
        assertThat(largestShare(perWorker)).isLessThanOrEqualTo(0.85);
    }

    private JsonNode run(int users, String connections) {
        JsonNode run = stack.runToEnd(
                """
                {"name": "connections-%s",
                 "target": %s,
                 "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=2"}]},
                 "load": {"model": "closed", "users": %d, "warmup": "1s", "duration": "3s", "connections": "%s"}}
                """.formatted(connections, stack.target("[\"async\"]", "[2]"), users, connections),
                Duration.ofSeconds(120));
        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        return run;
    }

    private static JsonNode step(JsonNode run) {
        JsonNode step = run.get("steps").get(0);
        assertThat(step.get("errors").asLong()).isZero();
        assertThat(step.get("requests").asLong()).isGreaterThan(100);
        return step;
    }

    /**
     * Requests each worker process served in the step, from the step's target usage: {@code target.workers[]} (role
     * {@code worker}, with {@code requests}) where the per-worker report has it, else the older {@code
     * target.workerRequests}. The one place that reads the shape, so a change of it is made here.
     */
    private static List<Long> workerRequests(JsonNode step) {
        JsonNode target = step.get("target");
        List<Long> perWorker = new ArrayList<>();
        if (target.hasNonNull("workers")) {
            for (JsonNode worker : target.get("workers")) {
                if (worker.path("role").asText("worker").equals("worker") && worker.hasNonNull("requests")) {
                    perWorker.add(worker.get("requests").asLong());
                }
            }
        } else {
            for (JsonNode worker : target.get("workerRequests")) {
                perWorker.add(worker.get("requests").asLong());
            }
        }
        assertThat(perWorker).as("requests per worker in %s", target).hasSize(2);
        return perWorker;
    }

    private static double largestShare(List<Long> perWorker) {
        long total = perWorker.stream().mapToLong(Long::longValue).sum();
        assertThat(total).isPositive();
        return (double) perWorker.stream().mapToLong(Long::longValue).max().orElseThrow() / total;
    }
}
