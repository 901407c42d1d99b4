package dev.loadlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.Welcome;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A coordinator endpoint and an agent endpoint in one JVM, over real Hazelcast on port 0 with a cluster name of their
 * own: messages travel both ways and each end notices the other leave.
 */
class ClusterIT {
    private static final String HOST = "127.0.0.1";
    // Generous: a shared CI machine may be slow to form the cluster; the conditions usually hold within a second.
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final Duration POLL = Duration.ofMillis(20);

    private final String clusterName = "cluster-it-" + UUID.randomUUID();
    private final List<ToCoordinator> received = new CopyOnWriteArrayList<>();
    private final List<String> removed = new CopyOnWriteArrayList<>();

    @Test
    void messagesTravelBothWaysAndALeavingAgentIsReported() throws InterruptedException {
        try (CoordinatorEndpoint coordinator = CoordinatorEndpoint.start(HOST, 0, clusterName)) {
            coordinator.listen(received::add, removed::add);
            String uuid;
            try (AgentEndpoint agent = join(coordinator)) {
                uuid = agent.memberUuid();
                assertThat(agent.coordinatorLost()).isFalse();
                Hello hello = new Hello(new AgentInfo("a1", HOST, 1, ProtocolVersion.CURRENT, "test", uuid));

                agent.send(hello);
                await(() -> received.contains(hello), "the coordinator to receive the agent's hello");

                coordinator.send(uuid, new Welcome(ProtocolVersion.CURRENT));
                ToAgent answer = agent.receive(WAIT);
                assertThat(answer).isEqualTo(new Welcome(ProtocolVersion.CURRENT));
                assertThat(agent.receive(Duration.ofMillis(100))).isNull();
            }
            await(() -> removed.contains(uuid), "the coordinator to report the agent's member as removed");
            assertThat(coordinator.isRunning()).isTrue();
        }
    }

    @Test
    void anAgentNoticesTheCoordinatorLeaving() throws InterruptedException {
        CoordinatorEndpoint coordinator = CoordinatorEndpoint.start(HOST, 0, clusterName);
        try (AgentEndpoint agent = join(coordinator)) {
            assertThat(agent.clusterTimeMs()).isPositive();
            coordinator.close();
            assertThat(coordinator.isRunning()).isFalse();
            await(agent::coordinatorLost, "the agent to notice that the coordinator left");
        } finally {
            coordinator.close();
        }
    }

    private AgentEndpoint join(CoordinatorEndpoint coordinator) {
        String[] address = coordinator.address().split(":");
        return AgentEndpoint.join("a1", address[0], Integer.parseInt(address[1]), HOST, clusterName);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what);
            }
            // The poll interval only: the condition, not this pause, decides when the test goes on.
            Thread.sleep(POLL.toMillis());
        }
    }
}
