package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed-model ramp: stages {@code [{users: 12, ramp: 6s}, {users: 12, hold: 3s}]} over two agents against a 50 ms
 * endpoint. The per-second timeline rises with the number of active users (at about 2 users a second, the first two
 * seconds average some 2.5 users and the last two of the ramp some 10.5, so requests per second more than double),
 * and the step's result holds both stages, their requests adding up to the step's.
 *
 * <p>The warm-up is off so that the ramp's first seconds are measured and every second is in a stage.
 */
class RampIT {
    @TempDir
    Path dir;

    @Test
    void theTimelineRisesWithTheRampAndTheStagesAddUpToTheStep() {
        try (AppStack stack = AppStack.start(dir, "ramp", 2)) {
            String id = stack.submit("""
                    {"name": "ramp",
                     "target": {"baseUrl": "%s"},
                     "workload": {"requests": [{"name": "io", "path": "/io?ms=50"}]},
                     "load": {"model": "closed", "stages": [{"users": 12, "ramp": "6s"}, {"users": 12, "hold": "3s"}]},
                     "agents": 2}
                    """.formatted(stack.targetUrl()));
            JsonNode run = stack.awaitEnd(id, Duration.ofSeconds(120));

            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
            JsonNode step = run.get("steps").get(0);
            assertThat(step.get("errors").asLong()).isZero();
            assertThat(run.get("scenario").get("load").get("duration").asText())
                    .as("the duration the stages give")
                    .isEqualTo("9s");

            JsonNode seconds = stack.api
                    .get("/api/v1/runs/" + id + "/steps/0/timeline")
                    .body()
                    .get("seconds");
            Map<Long, Long> perSecond = new HashMap<>();
            for (JsonNode second : seconds) {
                perSecond.put(
                        second.get("second").asLong(), second.get("requests").asLong());
            }
            System.out.println("RampIT timeline (second -> requests): " + perSecond + "; stages " + step.get("stages"));
            double first = (perSecond.getOrDefault(0L, 0L) + perSecond.getOrDefault(1L, 0L)) / 2.0;
            double last = (perSecond.getOrDefault(4L, 0L) + perSecond.getOrDefault(5L, 0L)) / 2.0;
            assertThat(first).as("requests/s in the ramp's first two seconds").isPositive();
            assertThat(last)
                    .as("requests/s in the ramp's last two seconds, against %.1f in its first two", first)
                    .isGreaterThan(2 * first);

            JsonNode stages = step.get("stages");
            assertThat(stages).hasSize(2);
            assertThat(stages.get(0).get("index").asInt()).isZero();
            assertThat(stages.get(0).get("users").asInt()).isEqualTo(12);
            assertThat(stages.get(1).get("index").asInt()).isEqualTo(1);
            assertThat(stages.get(1).get("hold").asText()).isEqualTo("3s");
            assertThat(stages.get(0).get("requests").asLong()
                            + stages.get(1).get("requests").asLong())
                    .as("the stages' requests")
                    .isEqualTo(step.get("requests").asLong());
            assertThat(stages.get(1).get("throughputRps").asDouble())
                    .as("holding 12 users against ramping up to them")
                    .isGreaterThan(stages.get(0).get("throughputRps").asDouble());
        }
    }
}
