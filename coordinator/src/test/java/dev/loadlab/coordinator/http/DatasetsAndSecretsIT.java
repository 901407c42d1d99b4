package dev.loadlab.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Datasets, secrets and YAML scenarios through the real REST API (port 0) on a real (embedded) PostgreSQL: uploads
 * and their limits, secrets that never come back out, and scenarios whose references are checked against what is
 * stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetsAndSecretsIT {
    private static final String SECRET_VALUE = "Sup3r-s3cret-value-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private Coordinator coordinator;
    private final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, String contentType, String text) {
        JsonNode json() {
            return Json.read(text, JsonNode.class);
        }
    }

    @BeforeAll
    void start() {
        coordinator = Coordinator.start(CoordinatorConfig.local(dir, "inputs-" + UUID.randomUUID()));
    }

    @AfterAll
    void stop() {
        coordinator.close();
    }

    @Test
    void aCsvDatasetIsStoredListedShownAndDeleted() {
        String csv = "user,password,sku\r\nann,\"p,1\",a1\r\nbob,\"say \"\"x\"\"\",b2\r\n";
        Reply created = send("POST", "/api/v1/datasets", "application/json", upload("csv-people", "csv", csv));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("rows").asInt()).isEqualTo(2);
        assertThat(created.json().get("columns")).hasToString("[\"user\",\"password\",\"sku\"]");

        JsonNode one = send("GET", "/api/v1/datasets/csv-people", null, null).json();
        assertThat(one.get("preview")).hasToString("[[\"ann\",\"p,1\",\"a1\"],[\"bob\",\"say \\\"x\\\"\",\"b2\"]]");
        assertThat(one.get("bytes").asLong()).isEqualTo(csv.length());
        assertThat(one.get("createdAt").isTextual()).isTrue();

        JsonNode list = send("GET", "/api/v1/datasets", null, null).json().get("datasets");
        assertThat(list.findValuesAsText("name")).contains("csv-people");

        assertThat(send("POST", "/api/v1/datasets", "application/json", upload("csv-people", "csv", csv))
                        .status())
                .isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/datasets/csv-people", null, null).status())
                .isEqualTo(204);
        assertThat(send("GET", "/api/v1/datasets/csv-people", null, null).status())
                .isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/datasets/csv-people", null, null).status())
                .isEqualTo(404);
    }

    @Test
    void rawCsvAndJsonLinesBodiesAreAccepted() {
        Reply csv = send("POST", "/api/v1/datasets?name=raw-csv", "text/csv; charset=utf-8", "a,b\n1,2\n3,4\n");
        assertThat(csv.status()).as(csv.text()).isEqualTo(201);
        assertThat(csv.json().get("format").asText()).isEqualTo("csv");

        Reply jsonl = send(
                "POST",
                "/api/v1/datasets?name=raw-jsonl",
                "application/x-ndjson",
                "{\"user\":\"ann\",\"n\":1}\n{\"user\":\"bob\",\"n\":true}\n");
        assertThat(jsonl.status()).as(jsonl.text()).isEqualTo(201);
        assertThat(send("GET", "/api/v1/datasets/raw-jsonl", null, null).json().get("preview"))
                .hasToString("[[\"ann\",\"1\"],[\"bob\",\"true\"]]");

        Reply wrapped = send(
                "POST",
                "/api/v1/datasets",
                "application/json",
                upload("wrapped-jsonl", "jsonl", "{\"x\":\"1\"}\n{\"x\":\"2\"}"));
        assertThat(wrapped.status()).as(wrapped.text()).isEqualTo(201);
    }

    @Test
    void theLargestAllowedUploadPassesThroughTheRoutesOwnBodyLimit() {
        // 100,000 rows of about 80 bytes: 8 MB, far over the 1 MiB every other route accepts.
        StringBuilder csv = new StringBuilder("n,pad\n");
        String pad = "x".repeat(72);
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append(',').append(pad).append('\n');
        }
        assertThat(csv.length()).isLessThan(8 * 1024 * 1024).isGreaterThan(1 << 20);
        Reply created = send("POST", "/api/v1/datasets", "application/json", upload("big", "csv", csv.toString()));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("rows").asInt()).isEqualTo(100_000);
        assertThat(send("GET", "/api/v1/datasets/big", null, null).json().get("preview"))
                .hasSize(10);
    }

    static Stream<Arguments> badUploads() {
        String columns65 =
                String.join(",", IntStream.range(0, 65).mapToObj(i -> "c" + i).toList());
        StringBuilder rows = new StringBuilder("n\n");
        for (int i = 0; i <= 100_000; i++) {
            rows.append(i).append('\n');
        }
        return Stream.of(
                Arguments.of("too many columns", upload("bad", "csv", columns65 + "\n"), "$.content.columns", "64"),
                Arguments.of(
                        "column name not a variable",
                        upload("bad", "csv", "ok,9lives\n1,2\n"),
                        "$.content.columns[1]",
                        "letter"),
                Arguments.of(
                        "value over 4 KiB",
                        upload("bad", "csv", "a,b\n1," + "v".repeat(4097) + "\n"),
                        "$.content.rows[0].b",
                        "4096"),
                Arguments.of("too many rows", upload("bad", "csv", rows.toString()), "$.content.rows", "100000"),
                Arguments.of(
                        "content over 8 MiB",
                        upload("bad", "csv", "a\n" + "x\n".repeat(4 * 1024 * 1024 + 1)),
                        "$.content",
                        "8388608"),
                Arguments.of("a row short of values", upload("bad", "csv", "a,b\n1\n"), "$.content.rows[0]", "header"),
                Arguments.of("unknown format", upload("bad", "xlsx", "a\n1\n"), "$.format", "csv or jsonl"),
                Arguments.of("bad name", upload("no spaces", "csv", "a\n1\n"), "$.name", "64"),
                Arguments.of(
                        "jsonl rows with other keys",
                        upload("bad", "jsonl", "{\"a\":1}\n{\"b\":1}\n"),
                        "$.content.rows[1]",
                        "[a]"),
                Arguments.of(
                        "jsonl row not an object", upload("bad", "jsonl", "[1]\n"), "$.content.rows[0]", "object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void everyLimitIsRefusedNamingTheFieldAndNothingIsStored(String why, String body, String field, String limit) {
        Reply refused = send("POST", "/api/v1/datasets", "application/json", body);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("message").asText()).contains(limit);
        assertThat(send("GET", "/api/v1/datasets/bad", null, null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/datasets", null, null)
                        .json()
                        .get("datasets")
                        .findValuesAsText("name"))
                .doesNotContain("bad", "no spaces");
    }

    @Test
    void aSecretNeverComesBackOutAndIsNotStoredInClear() throws Exception {
        String body = "{\"name\": \"api-key\", \"value\": \"" + SECRET_VALUE + "\"}";
        Reply created = send("POST", "/api/v1/secrets", "application/json", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        Reply again = send("POST", "/api/v1/secrets", "application/json", body);
        Reply list = send("GET", "/api/v1/secrets", null, null);
        Reply badJson =
                send("POST", "/api/v1/secrets", "application/json", "{\"name\": \"x\", \"value\": " + SECRET_VALUE);
        Reply tooLong = send(
                "POST",
                "/api/v1/secrets",
                "application/json",
                "{\"name\": \"long\", \"value\": \"" + SECRET_VALUE + "x".repeat(8 * 1024) + "\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(list.json().get("secrets").findValuesAsText("name")).contains("api-key");
        assertThat(list.json().get("secrets").get(0).has("createdAt")).isTrue();
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("$.value");
        assertThat(tooLong.json().get("errors").get(0).get("message").asText()).contains("8192");
        for (Reply reply : List.of(created, again, list, badJson, tooLong)) {
            assertThat(reply.text()).doesNotContain(SECRET_VALUE);
        }

        // A scenario using the secret is saved; it keeps the reference, never the value.
        Reply saved = send("POST", "/api/v1/scenarios", "application/json", scenario("uses-secret", """
                "headers": {"Authorization": "Bearer ${secret:api-key}"}"""));
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        assertThat(saved.text()).contains("${secret:api-key}").doesNotContain(SECRET_VALUE);

        assertThat(everyRowAsText()).doesNotContain(SECRET_VALUE).contains("api-key");

        Reply inUse = send("DELETE", "/api/v1/secrets/api-key", null, null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("detail").asText()).contains("uses-secret");
        assertThat(send("DELETE", "/api/v1/scenarios/uses-secret", null, null).status())
                .isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/secrets/api-key", null, null).status())
                .isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/secrets/api-key", null, null).status())
                .isEqualTo(404);
    }

    @Test
    void theGeneratedSecretKeyIsReadableByItsOwnerOnly() throws IOException {
        assertThat(Files.getPosixFilePermissions(dir.resolve("secret-key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aYamlScenarioIsAcceptedAndEqualToItsJson() {
        String json = scenario("yaml-twin", """
                "headers": {"X-Test": "1"}""");
        String yaml = """
                name: yaml-twin
                target: {baseUrl: "http://127.0.0.1:9"}
                workload:
                  requests:
                    - name: io
                      path: /io
                      headers: {X-Test: "1"}
                load: {model: closed, users: 1, warmup: 1s, duration: 2s}
                """;
        Reply fromYaml = send("POST", "/api/v1/scenarios", "application/yaml", yaml);
        assertThat(fromYaml.status()).as(fromYaml.text()).isEqualTo(201);
        Reply fromJson = send("PUT", "/api/v1/scenarios/yaml-twin", "application/json", json);
        assertThat(fromJson.status()).as(fromJson.text()).isEqualTo(200);

        JsonNode v1 =
                send("GET", "/api/v1/scenarios/yaml-twin?version=1", null, null).json();
        JsonNode v2 =
                send("GET", "/api/v1/scenarios/yaml-twin?version=2", null, null).json();
        assertThat(v1.get("scenario")).isEqualTo(v2.get("scenario"));

        for (String type : List.of("application/x-yaml", "text/yaml")) {
            Reply run = send("POST", "/api/v1/scenarios", type, yaml.replace("yaml-twin", "yaml-" + type.length()));
            assertThat(run.status()).as(type + ": " + run.text()).isEqualTo(201);
        }
        Reply yamlRun = send("POST", "/api/v1/runs", "application/yaml; charset=utf-8", yaml);
        assertThat(yamlRun.status()).as(yamlRun.text()).isEqualTo(202);
        Reply badYaml = send("POST", "/api/v1/scenarios", "application/yaml", "name: [unclosed");
        assertThat(badYaml.status()).isEqualTo(400);
        Reply otherType = send("POST", "/api/v1/scenarios", "text/plain", json);
        assertThat(otherType.status()).isEqualTo(415);
        assertThat(otherType.json().get("errors").get(0).get("field").asText()).isEqualTo("Content-Type");
    }

    @Test
    void referencesAreCheckedAgainstWhatIsStored() {
        assertThat(send("POST", "/api/v1/datasets?name=refs", "text/csv", "user,sku\nann,a1\n")
                        .status())
                .isEqualTo(201);
        String withDataset =
                scenario("refs-ok", """
                "headers": {"X-User": "${user}"}""").replace("\"requests\"", "\"dataset\": {\"name\": \"refs\"}, \"requests\"");
        Reply ok = send("POST", "/api/v1/scenarios", "application/json", withDataset);
        assertThat(ok.status()).as(ok.text()).isEqualTo(201);

        assertRefused(
                withDataset
                        .replace("\"name\": \"refs\"}", "\"name\": \"nope\"}")
                        .replace("refs-ok", "r1"),
                "$.workload.dataset.name");
        assertRefused(
                withDataset.replace("${user}", "${secret:missing}").replace("refs-ok", "r2"),
                "$.workload.requests[0].headers.X-User");
        assertRefused(
                withDataset.replace("${user}", "${colour}").replace("refs-ok", "r3"),
                "$.workload.requests[0].headers.X-User");
        // Runs submitted directly are checked the same way.
        Reply run = send(
                "POST",
                "/api/v1/runs",
                "application/json",
                withDataset.replace("${user}", "${colour}").replace("refs-ok", "r4"));
        assertThat(run.status()).isEqualTo(400);

        Reply inUse = send("DELETE", "/api/v1/datasets/refs", null, null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("detail").asText()).contains("refs-ok");
    }

    @Test
    void theSpecsExampleInYamlIsAcceptedWithItsDatasetStoredAndItsStagedLoadRuns() {
        assertThat(send("POST", "/api/v1/datasets?name=shoppers", "text/csv", "user,password,sku\nann,loadlab,a1\n")
                        .status())
                .isEqualTo(201);
        String yaml = """
                name: shop
                target: {baseUrl: "http://127.0.0.1:8080"}
                workload:
                  dataset: {name: shoppers, strategy: circular}
                  pause: {exponential: 200ms}
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
                  warmup: 5s
                  stages: [{users: 20, ramp: 10s}, {users: 20, hold: 30s}]
                agents: 3
                """;
        Reply saved = send("POST", "/api/v1/scenarios", "application/yaml", yaml);
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        assertThat(saved.json().at("/scenario/load/duration").asText()).isEqualTo("35s");
        // Started from the saved version with a patch: the derived duration must not make it "stages and duration".
        Reply run = send("POST", "/api/v1/scenarios/shop/runs", "application/json", """
                {"load": {"stages": [{"users": 2, "hold": "2s"}], "warmup": "0s"}}""");
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        assertThat(send("DELETE", "/api/v1/datasets/shoppers", null, null).status())
                .isEqualTo(409);
    }

    @Test
    void theScenarioSchemaIsServedWithoutAToken() throws Exception {
        HttpResponse<String> schema = http.send(
                HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + "/api/v1/scenario.schema.json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.headers().firstValue("Content-Type")).hasValue("application/schema+json");
        assertThat(Json.read(schema.body(), JsonNode.class).has("properties")).isTrue();
        HttpResponse<String> datasets = http.send(
                HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + "/api/v1/datasets"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(datasets.statusCode()).isEqualTo(401);
    }

    private void assertRefused(String scenario, String field) {
        Reply refused = send("POST", "/api/v1/scenarios", "application/json", scenario);
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains(field);
    }

    /** A valid closed-model scenario whose one request carries {@code extra} (JSON members). */
    private static String scenario(String name, String extra) {
        return """
                {"name": "%s",
                 "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "io", "path": "/io", %s}]},
                 "load": {"model": "closed", "users": 1, "warmup": "1s", "duration": "2s"}}
                """.formatted(name, extra);
    }

    private static String upload(String name, String format, String content) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", name).put("format", format).put("content", content);
        return body.toString();
    }

    /** What a pg_dump of the data would hold: every row of every table in the public schema, as text. */
    private String everyRowAsText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(coordinator.databaseJdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r =
                    s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertThat(tables).contains("secrets", "datasets", "scenarios");
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (r.next()) {
                        all.append(r.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(coordinator.httpUrl() + path))
                .header("Authorization", "Bearer " + coordinator.apiToken())
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
