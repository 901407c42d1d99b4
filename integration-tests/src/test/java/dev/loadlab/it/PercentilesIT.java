package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/runs/{id}/steps/{index}/percentiles} end to end: a short real run (one step against the reference
 * app on 127.0.0.1, one agent in its own JVM) read back as a latency distribution that agrees with the step the run
 * shows (its count, p99 and max come from the same stored merged histogram); a step not stored and an unknown run are
 * 404 problems, and the call needs the token like the rest of the API. The dashboard's percentile plot reads it.
 */
class PercentilesIT {
    private static final String SCENARIO = """
            {"name": "percentiles",
             "target": {"baseUrl": "%s"},
             "workload": {"requests": [{"name": "io", "path": "/io?ms=2"}]},
             "load": {"model": "closed", "users": 2, "warmup": "1s", "duration": "2s"}}
            """;

    @TempDir
    Path dir;

    @Test
    void aStoredStepsDistributionAgreesWithItsFigures() {
        try (AppStack stack = AppStack.start(dir, "percentiles", 1)) {
            JsonNode run = stack.runToEnd(SCENARIO.formatted(stack.targetUrl()), Duration.ofSeconds(120));
            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
            String id = run.get("id").asText();
            JsonNode step = run.get("steps").get(0);

            Api.Reply reply = stack.api.get("/api/v1/runs/" + id + "/steps/0/percentiles");
            assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            JsonNode body = reply.body();
            assertThat(body.get("runId").asText()).isEqualTo(id);
            assertThat(body.get("stepIndex").asInt()).isZero();
            assertThat(body.get("unit").asText()).isEqualTo("ms");
            assertThat(body.get("totalCount").asLong())
                    .isEqualTo(step.get("requests").asLong());
            assertThat(body.get("maxMs").asLong())
                    .isEqualTo(step.get("latencyMs").get("max").asLong());

            JsonNode points = body.get("percentiles");
            assertThat(points.size()).isGreaterThan(2);
            double lastPercentile = -1;
            long lastValue = -1;
            long lastCount = -1;
            Long p99 = null;
            for (JsonNode p : points) {
                assertThat(p.get("percentile").asDouble()).isBetween(0.0, 100.0).isGreaterThanOrEqualTo(lastPercentile);
                assertThat(p.get("valueMs").asLong()).isGreaterThanOrEqualTo(lastValue);
                assertThat(p.get("count").asLong()).isGreaterThanOrEqualTo(lastCount);
                if (p99 == null && p.get("percentile").asDouble() >= 99) {
                    p99 = p.get("valueMs").asLong();
                }
                lastPercentile = p.get("percentile").asDouble();
                lastValue = p.get("valueMs").asLong();
                lastCount = p.get("count").asLong();
            }
            assertThat(lastPercentile).isEqualTo(100.0);
            assertThat(lastCount).isEqualTo(step.get("requests").asLong());
            assertThat(p99)
                    .as("the first point at or past 99 %")
                    .isEqualTo(step.get("latencyMs").get("p99").asLong());

            Api.Reply notStored = stack.api.get("/api/v1/runs/" + id + "/steps/1/percentiles");
            assertThat(notStored.status()).isEqualTo(404);
            assertThat(notStored.contentType()).startsWith("application/problem+json");
            assertThat(stack.api
                            .get("/api/v1/runs/" + id + "/steps/x/percentiles")
                            .status())
                    .isEqualTo(404);
            assertThat(stack.api
                            .get("/api/v1/runs/" + UUID.randomUUID() + "/steps/0/percentiles")
                            .status())
                    .isEqualTo(404);
            assertThat(new Api(stack.coordinator.httpUrl())
                            .get("/api/v1/runs/" + id + "/steps/0/percentiles")
                            .status())
                    .isEqualTo(401);
        }
    }
}
