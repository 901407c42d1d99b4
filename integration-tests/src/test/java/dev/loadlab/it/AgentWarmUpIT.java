package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent warms its generator up on a loopback server of its own before it joins, and the coordinator shows how:
 * one agent whose rate becomes stable within a loose tolerance, one whose tolerance is so tight that its cap ends the
 * warm-up. Both run in their own JVMs from the agent's jar, with their warm-up given by flags.
 */
class AgentWarmUpIT {
    private static final Duration REGISTERED_WITHIN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void agentsJoinOnlyAfterTheirWarmUpAndTheAgentsListShowsIt() throws Exception {
        String clusterName = "warm-up-" + UUID.randomUUID();
        try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.local(dir.resolve("data"), clusterName))) {
            Api api = Api.of(coordinator);
            Instant launched = Instant.now();
            try (AgentProcess steady = AgentProcess.start(
                            List.of(),
                            "steady",
                            coordinator.clusterAddress(),
                            clusterName,
                            dir,
                            List.of("--warm-up-cap", "6s", "--warm-up-window", "2s", "--warm-up-tolerance", "0.5"));
                    AgentProcess fussy = AgentProcess.start(
                            List.of(),
                            "fussy",
                            coordinator.clusterAddress(),
                            clusterName,
                            dir,
                            // No three seconds of load, the first with Gatling's ramp, agree to 0.001 %.
                            List.of(
                                    "--warm-up-cap",
                                    "3s",
                                    "--warm-up-window",
                                    "3s",
                                    "--warm-up-tolerance",
                                    "0.00001"))) {
                JsonNode steadyView = registered(api, "steady", steady);
                JsonNode fussyView = registered(api, "fussy", fussy);

                JsonNode warm = steadyView.get("warmUp");
                assertThat(warm).as(steady.output()).isNotNull();
                assertThat(warm.get("stable").asBoolean()).as(warm.toString()).isTrue();
                assertThat(warm.get("capped").asBoolean()).as(warm.toString()).isFalse();
                assertThat(warm.get("durationMs").asLong()).isGreaterThanOrEqualTo(2_000);
                assertThat(warm.get("seconds").asInt()).isBetween(2, 6);
                assertThat(warm.get("finalRps").asDouble()).isPositive();
                assertThat(warm.get("capMs").asLong()).isEqualTo(6_000);
                assertThat(warm.get("windowSeconds").asInt()).isEqualTo(2);
                assertThat(warm.get("tolerance").asDouble()).isEqualTo(0.5);
                assertThat(warm.has("note")).as(warm.toString()).isFalse();
                assertJoinedAfter(steadyView, launched, warm);
                // Either settles it first: the rate within its loose tolerance, or the JIT compiler going quiet.
                String settledBy = warm.get("settledBy").asText();
                assertThat(settledBy).isIn("rate", "jit");
                assertThat(steady.output())
                        .contains("warmed up in")
                        .contains(settledBy.equals("rate") ? "stable within 50 % for 2 s" : "the JIT compiler quiet (");

                JsonNode capped = fussyView.get("warmUp");
                assertThat(capped).as(fussy.output()).isNotNull();
                assertThat(capped.get("capped").asBoolean())
                        .as(capped.toString())
                        .isTrue();
                assertThat(capped.get("stable").asBoolean())
                        .as(capped.toString())
                        .isFalse();
                assertThat(capped.get("durationMs").asLong()).isGreaterThanOrEqualTo(3_000);
                assertThat(capped.get("seconds").asInt()).isEqualTo(3);
                assertThat(capped.get("finalRps").asDouble()).isPositive();
                assertThat(capped.get("capMs").asLong()).isEqualTo(3_000);
                assertJoinedAfter(fussyView, launched, capped);
                assertThat(fussy.output()).contains("warm-up hit the 3 s cap at");
            }
        }
    }

    /** Waits for the agent to be listed IDLE and returns its entry. */
    private static JsonNode registered(Api api, String id, AgentProcess agent) {
        return Poll.until("agent " + id + " to register", REGISTERED_WITHIN, () -> {
            if (!agent.process().isAlive()) {
                throw new AssertionError("agent " + id + " exited: " + agent.output());
            }
            return StreamSupport.stream(api.get("/api/v1/agents").body().spliterator(), false)
                    .filter(a -> a.get("id").asText().equals(id)
                            && a.get("state").asText().equals("IDLE"))
                    .findFirst();
        });
    }

    /** The coordinator registered the agent no sooner than its warm-up's length after the agent was launched. */
    private static void assertJoinedAfter(JsonNode view, Instant launched, JsonNode warmUp) {
        Instant registeredAt = Instant.parse(view.get("registeredAt").asText());
        assertThat(registeredAt)
                .as("registered at, against launched + warm-up %s", warmUp)
                .isAfterOrEqualTo(launched.plusMillis(warmUp.get("durationMs").asLong()));
    }
}
