package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main example, read from README.md and submitted as {@code application/yaml} as a user would write it
 * (only the target's address and the load's length changed, so that it runs here in seconds), runs with no errors against the reference
 * target; and the JSON schema of a scenario is served for editors to validate against.
 */
class YamlScenarioIT {
    /** The short load that replaces the README's, so the example runs here in seconds. */
    private static final String SHORT_LOAD = """
            load:
              model: closed
              warmup: 1s
              stages: [{users: 4, ramp: 2s}, {users: 4, hold: 4s}]
            """;

    /** The README's first {@code yaml scenario} block, pointed at {@code baseUrl}, with {@link #SHORT_LOAD}. */
    static String readmeExample(String baseUrl) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```yaml scenario\n");
        assertThat(start).as("README.md has a ```yaml scenario block").isNotNegative();
        String block = readme.substring(start + "```yaml scenario\n".length(), readme.indexOf("```", start + 3));
        assertThat(block).contains("http://127.0.0.1:9000").contains("\nload:\n");
        String pointed = block.replace("http://127.0.0.1:9000", baseUrl);
        return pointed.substring(0, pointed.indexOf("\nload:\n") + 1) + SHORT_LOAD;
    }

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRunsFromYaml() throws IOException {
        try (AppStack stack = AppStack.start(dir, "yaml", 1)) {
            StringJoiner csv = new StringJoiner("\n", "", "\n").add("user,password,sku");
            for (int i = 1; i <= 4; i++) {
                csv.add("shopper" + i + ",loadlab,sku-" + i);
            }
            stack.uploadCsv("shoppers", csv.toString());

            Api.Reply secret =
                    stack.api.post("/api/v1/secrets", "{\"name\": \"api-key\", \"value\": \"not-shown-back\"}");
            assertThat(secret.status()).as(String.valueOf(secret.body())).isEqualTo(201);

            Api.Reply submitted = stack.api.post("/api/v1/runs", "application/yaml", readmeExample(stack.targetUrl()));
            assertThat(submitted.status()).as(String.valueOf(submitted.body())).isEqualTo(202);
            JsonNode run = stack.awaitEnd(submitted.body().get("id").asText(), Duration.ofSeconds(120));

            assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
            assertThat(run.get("scenario").get("name").asText()).isEqualTo("shop");
            assertThat(run.get("scenario").get("load").get("duration").asText()).isEqualTo("5s");
            JsonNode step = run.get("steps").get(0);
            System.out.println(
                    "YamlScenarioIT step: byRequest " + step.get("byRequest") + ", flows " + step.get("flows"));
            assertThat(step.get("errors").asLong()).as(step.toPrettyString()).isZero();
            assertThat(Jsons.fieldNames(step.get("byRequest")))
                    .containsExactlyInAnyOrder("login", "browse", "create", "read", "ping");
            assertThat(step.get("byRequest").get("read").get("requests").asLong())
                    .isPositive();
            assertThat(step.get("flows").get(0).get("name").asText()).isEqualTo("shopper");
            assertThat(step.get("stages")).hasSize(2);
        }
    }

    @Test
    void theScenarioSchemaIsServed() throws Exception {
        try (AppStack stack = AppStack.start(dir, "schema", 0)) {
            Api.Reply schema = stack.api.get("/api/v1/scenario.schema.json");
            assertThat(schema.status()).isEqualTo(200);
            assertThat(schema.contentType()).contains("json");
            assertThat(schema.body().isObject()).isTrue();
            String text = schema.body().toString();
            assertThat(text).contains("workload").contains("flows").contains("stages");

            // Public, like the OpenAPI document: it holds no data, and editors fetch it without a token.
            HttpResponse<String> anonymous = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(stack.coordinator.httpUrl() + "/api/v1/scenario.schema.json"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(200);
        }
    }
}
