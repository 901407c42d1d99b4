package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main example, submitted as {@code application/yaml} as a user would write it (only the target's
 * address and the load's length changed, so that it runs here in seconds), runs with no errors against the reference
 * target; and the JSON schema of a scenario is served for editors to validate against.
 */
class YamlScenarioIT {
    private static final String SHOP = """
            name: shop
            target: {baseUrl: "%s"}
            workload:
              dataset: {name: shoppers, strategy: circular}      # columns: user, password, sku
              pause: {exponential: 200ms}                         # default think time after each request
              flows:
                - name: shopper
                  weight: 1
                  once:
                    - name: login
                      method: POST
                      path: /login
                      body: {user: "${user}", password: "${password}"}
                      checks: [{status: [200]}, {jsonPath: "$.token", exists: true}]
                      save: {token: {jsonPath: "$.token"}}
                  steps:
                    - name: browse
                      path: /items
                      headers: {Authorization: "Bearer ${token}"}
                    - {pause: {uniform: [100ms, 300ms]}}
                    - name: create
                      method: POST
                      path: /items
                      headers: {Authorization: "Bearer ${token}"}
                      body: {sku: "${sku}", qty: 1}
                      checks: [{status: [201]}, {header: Location, matches: "/items/.+"}]
                      save: {id: {header: Location, regex: "[^/]+$"}}
                    - name: read
                      path: /items/${id}
                      headers: {Authorization: "Bearer ${token}"}
                      checks: [{jsonPath: "$.sku", equals: "${sku}"}, {maxMs: 500}]
            load:
              model: closed
              warmup: 1s
              stages: [{users: 4, ramp: 2s}, {users: 4, hold: 4s}]
            """;

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRunsFromYaml() {
        try (AppStack stack = AppStack.start(dir, "yaml", 1)) {
            StringJoiner csv = new StringJoiner("\n", "", "\n").add("user,password,sku");
            for (int i = 1; i <= 4; i++) {
                csv.add("shopper" + i + ",loadlab,sku-" + i);
            }
            stack.uploadCsv("shoppers", csv.toString());

            Api.Reply submitted = stack.api.post("/api/v1/runs", "application/yaml", SHOP.formatted(stack.targetUrl()));
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
                    .containsExactlyInAnyOrder("login", "browse", "create", "read");
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
            HttpResponse<String> anonymous = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(stack.coordinator.httpUrl() + "/api/v1/scenario.schema.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(200);
        }
    }
}
