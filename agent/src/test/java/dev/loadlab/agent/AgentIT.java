package dev.loadlab.agent;

import static dev.loadlab.agent.gatling.Assignments.closed;
import static dev.loadlab.agent.gatling.Assignments.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.loadlab.agent.gatling.CountingServer;
import dev.loadlab.cluster.ClusterNames;
import dev.loadlab.cluster.ClusterSettings;
import dev.loadlab.protocol.Messages;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Cancel;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.Ready;
import dev.loadlab.protocol.message.ResultAck;
import dev.loadlab.protocol.message.Start;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.Welcome;
import dev.loadlab.protocol.result.RequestResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent against a real Hazelcast data member playing the coordinator, message by message: prepare, ready,
 * start, intervals, result, re-delivery until acknowledged, one step at a time, cancel.
 */
class AgentIT {
    @TempDir
    Path workDir;

    private HazelcastInstance coordinator;
    private CountingServer server;
    private Agent agent;
    private CompletableFuture<Boolean> agentRun;
    private String agentInbox;
    private final List<Interval> intervals = new ArrayList<>();

    @BeforeEach
    void startCoordinatorAndAgent() throws Exception {
        String clusterName = "agent-it-" + UUID.randomUUID();
        coordinator = Hazelcast.newHazelcastInstance(coordinatorConfig(clusterName));
        server = new CountingServer();
        int port = coordinator.getCluster().getLocalMember().getAddress().getPort();
        // A short warm-up: this test is about the conversation after it.
        agent = new Agent(new AgentConfig("agent-it", "127.0.0.1", port, "127.0.0.1", clusterName, workDir)
                .withWarmUp(Duration.ofSeconds(2), Duration.ofSeconds(2), 0.5));
        agentRun = CompletableFuture.supplyAsync(() -> {
            try {
                return agent.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Hello hello = next(Hello.class, h -> true);
        agentInbox = ClusterNames.agentInbox(hello.agent().memberUuid());
        send(new Welcome(ProtocolVersion.CURRENT));
    }

    @AfterEach
    void stopEverything() throws Exception {
        agent.stop();
        assertThat(agentRun.get(30, TimeUnit.SECONDS)).isTrue();
        coordinator.shutdown();
        server.close();
    }

    @Test
    void preparesStartsOnTimeStreamsIntervalsAndKeepsTheResultUntilAcknowledged() throws Exception {
        Assignment step0 = closed(server.baseUrl(), 2, Duration.ZERO, Duration.ofSeconds(2), get("fast", "/fast", 1));
        send(step0);
        next(Ready.class, r -> r.stepIndex() == 0 && r.agentId().equals("agent-it"));

        // One step at a time: another assignment while this one is prepared is refused, and that answer is kept too.
        send(withStep(step0, 1));
        StepResult busy = next(StepResult.class, r -> r.stepIndex() == 1);
        assertThat(busy.failure()).contains("busy with " + step0.runId() + "/0");

        long startAt = coordinator.getCluster().getClusterTime() + 1_000;
        send(new Start(step0.runId(), 0, 0, startAt));
        StepResult result = next(StepResult.class, r -> r.stepIndex() == 0);
        assertThat(result.failure()).isNull();
        assertThat(result.startSkewMs()).isBetween(0L, 10L);
        assertThat(result.cpuShare()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        long measured =
                result.requests().stream().mapToLong(RequestResult::requests).sum();
        assertThat(measured).isPositive().isEqualTo(server.receivedTotal());
        assertThat(intervals).filteredOn(i -> i.stepIndex() == 0).hasSizeGreaterThanOrEqualTo(2);
        assertThat(intervals.stream()
                        .filter(i -> i.stepIndex() == 0)
                        .flatMap(i -> i.requests().stream())
                        .mapToLong(RequestResult::requests)
                        .sum())
                .isEqualTo(measured);

        // Not acknowledged: both results come again within the re-send period.
        next(StepResult.class, r -> r.stepIndex() == 0);
        send(new ResultAck(step0.runId(), 0, 0));
        // After a welcome (a coordinator back from a restart) only what is still unacknowledged comes again.
        send(new Welcome(ProtocolVersion.CURRENT));
        assertThat(next(StepResult.class, r -> true).stepIndex()).isEqualTo(1);
        send(new ResultAck(step0.runId(), 1, 0));
    }

    @Test
    void aCancelStopsARunningStepWithinTwoSecondsAndItsResultSaysSo() throws Exception {
        Assignment step = closed(server.baseUrl(), 2, Duration.ZERO, Duration.ofSeconds(60), get("io", "/io?ms=5", 1));
        send(step);
        next(Ready.class, r -> true);
        send(new Start(step.runId(), 0, 0, coordinator.getCluster().getClusterTime() + 500));
        next(Interval.class, i -> i.requests().stream().anyMatch(r -> r.requests() > 0));

        long cancelledAt = System.nanoTime();
        send(new Cancel(step.runId(), 0, 0));
        StepResult result = next(StepResult.class, r -> true);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.cancelled()).isTrue();
        assertThat(result.failure()).isNull();
        assertThat(result.requests().getFirst().requests()).isPositive().isEqualTo(server.receivedTotal());
        send(new ResultAck(step.runId(), 0, 0));
    }

    private static Assignment withStep(Assignment a, int stepIndex) {
        return new Assignment(a.runId(), stepIndex, 0, a.scenario(), a.agentCount(), a.users(), a.rate());
    }

    private void send(ToAgent message) {
        coordinator.<String>getQueue(agentInbox).offer(Messages.encode(message));
    }

    /** The next message of that type matching {@code test}, keeping intervals seen on the way; 30 s at most. */
    private <T extends ToCoordinator> T next(Class<T> type, Predicate<T> test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String json = coordinator
                    .<String>getQueue(ClusterNames.COORDINATOR_INBOX)
                    .poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (json == null) {
                break;
            }
            ToCoordinator message = Messages.toCoordinator(json);
            if (message instanceof Interval interval) {
                intervals.add(interval);
            }
            if (type.isInstance(message) && test.test(type.cast(message))) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " as expected within 30 s");
    }

    /** The real coordinator's settings: the agent judges its peer by them (heartbeat interval above all). */
    private static Config coordinatorConfig(String clusterName) {
        return ClusterSettings.coordinator("127.0.0.1", 0, clusterName);
    }
}
