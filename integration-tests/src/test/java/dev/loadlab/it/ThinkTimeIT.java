package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Think time shapes a closed model's throughput as Little's law says: 8 users, each pausing a fixed 250 ms after every
 * response of a 10 ms endpoint, send users / (pause + mean response time) requests per second, within 10%. The mean
 * is the one LoadLab measured, so the bound checks the pause, not the machine.
 */
class ThinkTimeIT {
    private static final int USERS = 8;
    private static final double PAUSE_SECONDS = 0.250;

    @TempDir
    Path dir;

    @Test
    void aFixedPauseAfterEachRequestGivesUsersOverPausePlusLatency() {
        try (AppStack stack = AppStack.start(dir, "think", 1)) {
            JsonNode run = stack.runToEnd("""
                    {"name": "think-time",
                     "target": {"baseUrl": "%s"},
                     "workload": {"requests": [{"name": "io", "path": "/io?ms=10"}], "pause": {"fixed": "250ms"}},
                     "load": {"model": "closed", "users": %d, "warmup": "2s", "duration": "8s"}}
                    """.formatted(stack.targetUrl(), USERS), Duration.ofSeconds(120));

            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
            JsonNode step = run.get("steps").get(0);
            assertThat(step.get("errors").asLong()).isZero();
            double meanSeconds = step.get("latencyMs").get("mean").asDouble() / 1000.0;
            double expected = USERS / (PAUSE_SECONDS + meanSeconds);
            double throughput = step.get("throughputRps").asDouble();
            System.out.println("ThinkTimeIT: " + throughput + " req/s, expected " + expected + " (mean latency "
                    + meanSeconds * 1000 + " ms)");
            assertThat(meanSeconds).as("mean response time, s").isBetween(0.010, 0.100);
            assertThat(throughput).isCloseTo(expected, within(expected * 0.10));
        }
    }
}
