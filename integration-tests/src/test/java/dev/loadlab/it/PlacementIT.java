package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that cannot be placed waits with a visible reason, in submission order, then fails saying why. */
class PlacementIT {
    @TempDir
    Path dir;

    @Test
    void runsWithoutEnoughAgentsWaitVisiblyThenFailAfterThePlacementTimeout() {
        CoordinatorConfig config = CoordinatorConfig.local(dir, "placement-" + UUID.randomUUID()).toBuilder()
                .placementTimeout(Duration.ofSeconds(3))
                .build();
        try (Coordinator coordinator = Coordinator.start(config)) {
            Api api = Api.of(coordinator);
            String first =
                    api.post("/api/v1/runs", scenario(2)).body().get("id").asText();
            String second =
                    api.post("/api/v1/runs", scenario(1)).body().get("id").asText();

            JsonNode waiting = Poll.until("a queue reason", Duration.ofSeconds(10), () -> {
                JsonNode run = api.get("/api/v1/runs/" + first).body();
                return run.has("queueReason") && run.get("queueReason").asText().startsWith("waiting")
                        ? Optional.of(run)
                        : Optional.empty();
            });
            assertThat(waiting.get("status").asText()).isEqualTo("QUEUED");
            assertThat(waiting.get("queueReason").asText())
                    .isEqualTo("waiting for 2 idle agent(s): 0 idle of 0 registered");
            assertThat(api.get("/api/v1/runs/" + second)
                            .body()
                            .get("queueReason")
                            .asText())
                    .isEqualTo("queued behind run " + first);

            JsonNode failed = Poll.until("the placement timeout", Duration.ofSeconds(15), () -> {
                JsonNode run = api.get("/api/v1/runs/" + first).body();
                return run.get("status").asText().equals("FAILED") ? Optional.of(run) : Optional.empty();
            });
            assertThat(failed.get("failure").asText())
                    .isEqualTo("no 2 idle agent(s) within the placement timeout of 3 s: 0 idle of 0 registered");
            assertThat(failed.has("queueReason")).isFalse();
        }
    }

    @Test
    void aQueuedRunCanBeCancelledAtOnce() {
        try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.local(dir, "cancel-" + UUID.randomUUID()))) {
            Api api = Api.of(coordinator);
            String id = api.post("/api/v1/runs", scenario(1)).body().get("id").asText();

            Api.Reply cancelled = api.post("/api/v1/runs/" + id + "/cancel", "");

            assertThat(cancelled.status()).isEqualTo(202);
            assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
            JsonNode run = api.get("/api/v1/runs/" + id).body();
            assertThat(run.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(run.get("failure").asText()).isEqualTo("cancelled before it started");
            assertThat(api.post("/api/v1/runs/" + id + "/cancel", "").status()).isEqualTo(409);
            assertThat(api.post("/api/v1/runs/" + UUID.randomUUID() + "/cancel", "")
                            .status())
                    .isEqualTo(404);
        }
    }

    private static String scenario(int agents) {
        return """
                {"name": "needs-agents", "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                 "load": {"model": "closed", "users": 4, "duration": "1s"}, "agents": %d}
                """.formatted(agents);
    }
}
