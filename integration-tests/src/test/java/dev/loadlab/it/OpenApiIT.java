package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.http.DashboardRoutes;
import dev.loadlab.protocol.OpenApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openapi.yaml and the router agree both ways, the coordinator serves the document, and the document's request
 * examples are accepted by the API as they stand.
 */
class OpenApiIT {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @TempDir
    Path dir;

    @Test
    void theDocumentAndTheRoutesAgreeAndItsExamplesAreAccepted() throws Exception {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(OpenApi.yaml());
        try (Coordinator coordinator =
                Coordinator.start(CoordinatorConfig.local(dir, "openapi-" + UUID.randomUUID()))) {
            Set<String> documented = new TreeSet<>();
            Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        documented.add(method.toUpperCase(Locale.ROOT) + " "
                                + path.getKey().replaceAll("\\{([^}]+)}", ":$1"));
                    }
                });
            }
            Set<String> served = new TreeSet<>(coordinator.routes());
            // The dashboard's static files are served beside the REST API but are not part of it: openapi.yaml
            // describes the JSON API and the health probes, not HTML pages. Leave out exactly the routes
            // DashboardRoutes declares (not a prefix), so any other undocumented route still fails this test;
            // DashboardIT checks those routes and that every API call the dashboard makes is documented here.
            assertThat(served).as("the dashboard's routes").containsAll(DashboardRoutes.ROUTES);
            DashboardRoutes.ROUTES.forEach(served::remove);

            assertThat(served).as("routes served but not documented").isSubsetOf(documented);
            assertThat(documented).as("routes documented but not served").isSubsetOf(served);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> yaml = http.send(
                    HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + "/api/v1/openapi.yaml"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(yaml.statusCode()).isEqualTo(200);
            assertThat(yaml.headers().firstValue("Content-Type")).contains("application/yaml");
            assertThat(yaml.body()).isEqualTo(OpenApi.yaml());

            int examples = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            document.get("paths").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (String method : List.of("post", "put")) {
                    JsonNode example = path.getValue()
                            .path(method)
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("example");
                    if (example.isMissingNode()) {
                        continue;
                    }
                    HttpResponse<String> reply = http.send(
                            HttpRequest.newBuilder(URI.create(coordinator.httpUrl()
                                            + withExamples(
                                                    path.getKey(),
                                                    path.getValue().path(method))))
                                    .header("Authorization", "Bearer " + coordinator.apiToken())
                                    .header("Content-Type", "application/json")
                                    .method(
                                            method.toUpperCase(Locale.ROOT),
                                            HttpRequest.BodyPublishers.ofString(example.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(reply.statusCode())
                            .as(method + " " + path.getKey() + " with the document's example: " + reply.body())
                            .isBetween(200, 299);
                    examples++;
                }
            }
            assertThat(examples).isGreaterThanOrEqualTo(3);
        }
    }

    /** The path with each {param} replaced by the example its operation documents for it. */
    private static String withExamples(String path, JsonNode operation) {
        String filled = path;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path") && parameter.has("example")) {
                filled = filled.replace(
                        "{" + parameter.get("name").asText() + "}",
                        parameter.get("example").asText());
            }
        }
        assertThat(filled)
                .as("every path parameter of " + path + " has an example")
                .doesNotContain("{");
        return filled;
    }
}
