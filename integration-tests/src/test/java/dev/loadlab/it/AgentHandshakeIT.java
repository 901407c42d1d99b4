package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.agent.AgentMain;
import dev.loadlab.cluster.AgentEndpoint;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.protocol.ProtocolVersion;
import dev.loadlab.protocol.message.AgentInfo;
import dev.loadlab.protocol.message.Hello;
import dev.loadlab.protocol.message.Refused;
import dev.loadlab.protocol.message.ToAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the coordinator and agents agree to work together, or clearly refuse to. */
class AgentHandshakeIT {
    @TempDir
    Path dir;

    @Test
    void anAgentOfAnotherProtocolVersionIsRefusedWithAClearMessageOnBothSides() throws Exception {
        String clusterName = "handshake-" + UUID.randomUUID();
        try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.local(dir, clusterName))) {
            String[] address = coordinator.clusterAddress().split(":");
            int otherVersion = ProtocolVersion.CURRENT + 1;
            try (AgentEndpoint future = AgentEndpoint.join(
                    "from-the-future", address[0], Integer.parseInt(address[1]), "127.0.0.1", clusterName)) {
                future.send(new Hello(
                        new AgentInfo("from-the-future", "localhost", 2, otherVersion, "9.9", future.memberUuid())));

                ToAgent answer = future.receive(Duration.ofSeconds(30));

                assertThat(answer).isInstanceOf(Refused.class);
                Refused refused = (Refused) answer;
                assertThat(refused.coordinatorProtocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
                assertThat(refused.reason())
                        .contains("protocol v" + otherVersion)
                        .contains("coordinator speaks v" + ProtocolVersion.CURRENT);
                JsonNode listed = Api.of(coordinator).get("/api/v1/agents").body();
                assertThat(listed.get(0).get("state").asText()).isEqualTo("REFUSED");
                assertThat(listed.get(0).get("reason").asText()).isEqualTo(refused.reason());
            }
        }
    }

    @Test
    void aSecondAgentWithATakenIdExitsWithTheReason() throws Exception {
        String clusterName = "duplicate-" + UUID.randomUUID();
        try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), clusterName));
                AgentProcess first =
                        AgentProcess.start("twin", coordinator.clusterAddress(), clusterName, dir.resolve("a"))) {
            Api api = Api.of(coordinator);
            Poll.until("the first agent to register", Duration.ofSeconds(60), () -> {
                JsonNode agents = api.get("/api/v1/agents").body();
                return StreamSupport.stream(agents.spliterator(), false)
                        .filter(a -> a.get("state").asText().equals("IDLE"))
                        .findFirst();
            });
            try (AgentProcess second =
                    AgentProcess.start("twin", coordinator.clusterAddress(), clusterName, dir.resolve("b"))) {
                int exit = second.awaitExit(60);

                assertThat(exit).as(second.output()).isEqualTo(AgentMain.EXIT_REFUSED);
                assertThat(second.output()).contains("agent id twin is already taken");
            }
            JsonNode agents = api.get("/api/v1/agents").body();
            assertThat(agents).hasSize(1);
            assertThat(agents.get(0).get("state").asText()).isEqualTo("IDLE");
            assertThat(first.process().isAlive()).isTrue();
        }
    }
}
