package dev.loadlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;
import dev.loadlab.protocol.message.Welcome;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A coordinator endpoint and an agent endpoint in one JVM, over real Hazelcast on port 0 with a cluster name of their
 * own: messages travel both ways and each end notices the other leave.
 */
class ClusterIT {
    private static final String HOST = "127.0.0.1";
    // Generous: a shared CI machine may be slow to form the cluster; the conditions usually hold within a second.
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String clusterName = "cluster-it-" + UUID.randomUUID();
    private final BlockingQueue<ToCoordinator> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> removed = new LinkedBlockingQueue<>();

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
                assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .as("the coordinator receives the agent's hello")
                        .isEqualTo(hello);

                coordinator.send(uuid, new Welcome(ProtocolVersion.CURRENT));
                ToAgent answer = agent.receive(WAIT);
                assertThat(answer).isEqualTo(new Welcome(ProtocolVersion.CURRENT));
                assertThat(agent.receive(Duration.ofMillis(100))).isNull();
            }
            assertThat(removed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the coordinator reports the agent's member as removed")
                    .isEqualTo(uuid);
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
            assertThat(agent.awaitCoordinatorLost(WAIT))
                    .as("the agent notices that the coordinator left")
                    .isTrue();
            assertThat(agent.coordinatorLost()).isTrue();
        } finally {
            coordinator.close();
        }
    }

    private AgentEndpoint join(CoordinatorEndpoint coordinator) {
        String[] address = coordinator.address().split(":");
        return AgentEndpoint.join("a1", address[0], Integer.parseInt(address[1]), HOST, clusterName);
    }
}
