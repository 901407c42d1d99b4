package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.Connections;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's {@code load.connections} reaches the wire: real Gatling against a server that counts the TCP
 * connections it accepted. Each step is short (1 s measured) and paced by the server's answers on the loopback.
 */
class ConnectionsIT {
    private static final Duration MEASURED = Duration.ofSeconds(1);

    @TempDir
    Path workDir;

    private ConnectionCountingServer server;
    private GatlingStepRunner runner;

    @BeforeEach
    void start() throws IOException {
        server = new ConnectionCountingServer();
        runner = new GatlingStepRunner(workDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void perUserGivesEachClosedUserItsOwnKeepAliveConnection() throws Exception {
        StepResult result = run(closed(4, null, plain()));

        assertThat(served(result)).isGreaterThan(100);
        assertThat(server.accepted()).isEqualTo(4);
        assertThat(server.closeAsked()).isZero();
    }

    @BeforeAll
    static void warmUp(@TempDir Path dir) {
        // As an agent does when it starts: the first Gatling run in a JVM is late to its start and then sends its
        // overdue arrivals in a burst, which would open a connection per arrival whatever the pool.
        assertThat(GatlingWarmUp.run(new GatlingStepRunner(dir))).isNull();
    }

    @Test
    void sharedOpenArrivalsReuseAFewConnections() throws Exception {
        StepResult result = run(open(100, Connections.SHARED, plain()));

        long served = served(result);
        assertThat(served).isGreaterThan(50);
        // 100 one-request arrivals a second on a loopback that answers in well under a millisecond: a handful of
        // pooled connections serve them all.
        assertThat(server.accepted()).isLessThanOrEqualTo(Math.max(5, served / 10));
    }

    @Test
    void closeEachOpensAConnectionPerRequestOnTheShortChain() throws Exception {
        StepResult result = run(closed(2, Connections.CLOSE_EACH, plain()));

        assertCloseEach(result);
    }

    @Test
    void closeEachOpensAConnectionPerRequestOnTheGeneralChain() throws Exception {
        // A timeout sends the request down the general chain (RequestChains.request's long form).
        RequestSpec timed =
                new RequestSpec("fast", "GET", "/fast", 1, null, null, Duration.ofSeconds(2), null, null, null);

        StepResult result = run(closed(2, Connections.CLOSE_EACH, timed));

        assertCloseEach(result);
    }

    @Test
    void perUserInTheOpenModelGivesEachArrivalItsOwnConnection() throws Exception {
        StepResult result = run(open(50, Connections.PER_USER, plain()));

        long served = served(result);
        assertThat(served).isGreaterThan(20);
        // One connection per one-request arrival, give or take the arrivals still in flight at either end.
        assertThat(server.accepted()).isBetween(served, served + 10);
    }

    private void assertCloseEach(StepResult result) {
        long served = served(result);
        assertThat(served).isGreaterThan(50);
        assertThat(server.closeAsked()).isEqualTo(server.requests());
        // Every answered request came on a connection of its own; a user's last connection may be accepted as the
        // step ends without a request.
        assertThat(server.accepted()).isBetween(server.requests(), server.requests() + 2);
    }

    /** Requests the agent recorded, warm-up included: what the server answered. */
    private static long served(StepResult result) {
        assertThat(result.failure()).isNull();
        long requests =
                result.requests().stream().mapToLong(RequestResult::requests).sum();
        assertThat(result.requests().stream().mapToLong(RequestResult::errors).sum())
                .isZero();
        return requests + result.warmupRequests();
    }

    private StepResult run(Assignment assignment) throws Exception {
        StepResult result = StepHarness.runToEnd(runner, assignment).get();
        assertThat(served(result)).isEqualTo(server.requests());
        return result;
    }

    private static RequestSpec plain() {
        return new RequestSpec("fast", "GET", "/fast", 1);
    }

    private Assignment closed(int users, Connections connections, RequestSpec request) {
        Load load =
                new Load(LoadModel.CLOSED, users, null, Duration.ZERO, MEASURED, null, null, null, null, connections);
        return new Assignment(Assignments.RUN, 0, 0, scenario(load, request), 1, users, null);
    }

    private Assignment open(double rate, Connections connections, RequestSpec request) {
        Load load = new Load(LoadModel.OPEN, null, rate, Duration.ZERO, MEASURED, null, null, null, null, connections);
        return new Assignment(Assignments.RUN, 0, 0, scenario(load, request), 1, null, rate);
    }

    private Scenario scenario(Load load, RequestSpec request) {
        return new Scenario("connections", new Target(server.baseUrl()), new Workload(List.of(request)), load, 1);
    }
}
