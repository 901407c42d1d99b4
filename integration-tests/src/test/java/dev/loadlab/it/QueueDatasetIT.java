package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code queue} dataset hands out each row once across all agents: three agents (own JVMs) share 300 SKUs, each
 * iteration logs in and POSTs its row's SKU as an item, and afterwards the target holds every SKU exactly once. The
 * step lasts far longer than the data (about 100 iterations per agent at a few ms each, against 20 s), so the users
 * run the queue dry and stop, and each agent says so in the step's failure messages.
 *
 * <p>The login is a step of the loop, not {@code once}: {@code once} takes a row of its own, and that row's SKU would
 * never be posted.
 */
class QueueDatasetIT {
    private static final int ROWS = 300;

    @TempDir
    Path dir;

    @Test
    void everyRowIsUsedOnceAcrossThreeAgentsAndTheStepSaysTheDataRanOut() {
        try (AppStack stack = AppStack.start(dir, "queue", 3)) {
            StringJoiner csv = new StringJoiner("\n", "", "\n").add("sku");
            for (int i = 0; i < ROWS; i++) {
                csv.add("sku-" + i);
            }
            JsonNode uploaded = stack.uploadCsv("skus", csv.toString());
            assertThat(uploaded.get("rows").asLong()).isEqualTo(ROWS);

            JsonNode run = stack.runToEnd("""
                    {"name": "queue",
                     "target": {"baseUrl": "%s"},
                     "workload": {
                       "dataset": {"name": "skus", "strategy": "queue"},
                       "flows": [{"name": "post-each-row", "steps": [
                         {"name": "login", "method": "POST", "path": "/login",
                          "body": {"user": "queue", "password": "loadlab"},
                          "checks": [{"status": [200]}],
                          "save": {"token": {"jsonPath": "$.token"}}},
                         {"name": "create", "method": "POST", "path": "/items",
                          "headers": {"Authorization": "Bearer ${token}"},
                          "body": {"sku": "${sku}"},
                          "checks": [{"status": [201]}]}]}]},
                     "load": {"model": "closed", "users": 6, "duration": "20s"},
                     "agents": 3}
                    """.formatted(stack.targetUrl()), Duration.ofSeconds(180));

            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
            JsonNode step = run.get("steps").get(0);
            System.out.println("QueueDatasetIT step: byRequest " + step.get("byRequest") + ", failureMessages "
                    + step.get("failureMessages"));
            assertThat(step.get("agents").asInt()).isEqualTo(3);
            assertThat(step.get("errors").asLong()).as(step.toPrettyString()).isZero();
            assertThat(step.get("byRequest").get("create").get("requests").asLong())
                    .as("one item per row")
                    .isEqualTo(ROWS);
            assertThat(Jsons.messages(step))
                    .as("the step notes that the dataset ran out")
                    .anySatisfy(m -> assertThat(m).contains("dataset skus ran out after"));

            JsonNode items = stack.targetApiLoggedIn().get("/items").body();
            Map<String, Integer> seen = new HashMap<>();
            for (JsonNode item : items) {
                seen.merge(item.get("sku").asText(), 1, Integer::sum);
            }
            assertThat(seen.entrySet()).as("SKUs posted more than once").noneMatch(e -> e.getValue() > 1);
            assertThat(seen).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(seen).containsKey("sku-" + i);
            }
            assertThat(items.size()).isEqualTo(ROWS);
        }
    }
}
