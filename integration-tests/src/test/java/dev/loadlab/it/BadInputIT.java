package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
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
 * Bad input is refused whole: 400, {@code application/problem+json}, the offending field's JSON path, and not one row
 * written. The coordinator here uses a PostgreSQL given by JDBC URL (the non-embedded path).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    private static final String VALID = """
            {"name": "ok",
             "target": {"baseUrl": "http://127.0.0.1:9"},
             "workload": {"requests": [{"name": "io", "method": "GET", "path": "/io?ms=20", "weight": 80}]},
             "load": {"model": "closed", "users": 4, "warmup": "1s", "duration": "2s"},
             "agents": 1}
            """;

    @TempDir
    static Path dir;

    private EmbeddedPostgres postgres;
    private Coordinator coordinator;
    private Api api;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        CoordinatorConfig config = CoordinatorConfig.local(dir, "bad-input-" + UUID.randomUUID()).toBuilder()
                .database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
                .build();
        coordinator = Coordinator.start(config);
        api = Api.of(coordinator);
    }

    @AfterAll
    void stop() throws Exception {
        coordinator.close();
        postgres.close();
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of("missing name", VALID.replace("\"name\": \"ok\",", ""), "$.name"),
                Arguments.of("negative users", VALID.replace("\"users\": 4", "\"users\": -1"), "$.load.users"),
                Arguments.of(
                        "unknown field", VALID.replace("\"agents\": 1", "\"agents\": 1, \"turbo\": true"), "$.turbo"),
                Arguments.of(
                        "unknown nested field",
                        VALID.replace("\"weight\": 80", "\"weight\": 80, \"wieght\": 3"),
                        "$.workload.requests[0].wieght"),
                Arguments.of(
                        "zero weight",
                        VALID.replace("\"weight\": 80", "\"weight\": 0"),
                        "$.workload.requests[0].weight"),
                Arguments.of(
                        "unparsable duration",
                        VALID.replace("\"duration\": \"2s\"", "\"duration\": \"abc\""),
                        "$.load.duration"),
                Arguments.of("file URL", VALID.replace("http://127.0.0.1:9", "file:///etc/passwd"), "$.target.baseUrl"),
                Arguments.of(
                        "host outside the allowlist",
                        VALID.replace("http://127.0.0.1:9", "http://192.0.2.1:80"),
                        "$.target.baseUrl"),
                Arguments.of(
                        "port outside 1-65535",
                        VALID.replace("http://127.0.0.1:9", "http://127.0.0.1:99999"),
                        "$.target.baseUrl"),
                Arguments.of(
                        "users as a numeric string",
                        VALID.replace("\"users\": 4", "\"users\": \"32\""),
                        "$.load.users"),
                Arguments.of(
                        "agents as a numeric string", VALID.replace("\"agents\": 1", "\"agents\": \"1\""), "$.agents"),
                Arguments.of("name as a number", VALID.replace("\"name\": \"ok\"", "\"name\": 7"), "$.name"),
                Arguments.of("zero agents", VALID.replace("\"agents\": 1", "\"agents\": 0"), "$.agents"),
                Arguments.of("users as text", VALID.replace("\"users\": 4", "\"users\": \"many\""), "$.load.users"),
                Arguments.of(
                        "open model without rate",
                        VALID.replace("\"model\": \"closed\", \"users\": 4", "\"model\": \"open\""),
                        "$.load.rate"),
                Arguments.of(
                        "unknown agent-loss policy",
                        VALID.replace("\"agents\": 1", "\"agents\": 1, \"onAgentLoss\": \"shrug\""),
                        "$.onAgentLoss"),
                Arguments.of("unknown model", VALID.replace("\"closed\"", "\"wavy\""), "$.load.model"),
                Arguments.of("no requests", VALID.replaceAll("\\[\\{.*}]", "[]"), "$.workload.requests"),
                Arguments.of("malformed JSON", "{\"name\": ", "$"),
                Arguments.of("empty body", "", "$"),
                Arguments.of(
                        "oversized body (2 MB)",
                        VALID.replace("\"ok\"", "\"" + "x".repeat(2 * 1024 * 1024) + "\""),
                        "$"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarios")
    void isRefusedWithTheFieldNamedAndNothingWritten(String why, String body, String field) throws Exception {
        Api.Reply reply = api.post("/api/v1/runs", body);

        assertThat(reply.status()).as(why).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("field").asText())
                .as(reply.body().toString())
                .isEqualTo(field);
        assertThat(reply.body().get("status").asInt()).isEqualTo(400);
        assertThat(reply.body().get("detail").asText()).contains(field);
        assertThat(reply.body().get("errors").get(0).get("message").asText()).isNotBlank();
        assertThat(rows("runs")).isZero();
    }

    @Test
    void limitsAreNamedInTheMessage() {
        Api.Reply reply = api.post("/api/v1/runs", VALID.replace("\"users\": 4", "\"users\": -1"));

        assertThat(reply.body().get("detail").asText()).isEqualTo("$.load.users: must be between 1 and 10000, was -1");
    }

    @Test
    void aPortOutOfBoundsAndANumberAsTextAreNamed() {
        Api.Reply port = api.post("/api/v1/runs", VALID.replace("http://127.0.0.1:9", "http://127.0.0.1:99999"));
        Api.Reply users = api.post("/api/v1/runs", VALID.replace("\"users\": 4", "\"users\": \"32\""));

        assertThat(port.body().get("detail").asText()).isEqualTo("$.target.baseUrl: port 99999 is outside 1-65535");
        assertThat(users.body().get("detail").asText()).isEqualTo("$.load.users: must be a whole number");
    }

    static Stream<Arguments> bodiesOfAnotherType() {
        return Stream.of(
                Arguments.of("/api/v1/runs", VALID),
                Arguments.of("/api/v1/scenarios", VALID),
                Arguments.of("/api/v1/secrets", "{\"name\": \"s\", \"value\": \"v\"}"),
                Arguments.of("/api/v1/datasets", "{\"name\": \"d\", \"format\": \"csv\", \"content\": \"a\\n1\\n\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesOfAnotherType")
    void aBodyThatIsNotJsonOrYamlIsRefusedWith415AndNothingWritten(String path, String body) throws Exception {
        long scenarios = rows("scenarios");

        Api.Reply reply = api.post(path, "text/plain", body);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(415);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("field").asText()).isEqualTo("Content-Type");
        assertThat(reply.body().get("status").asInt()).isEqualTo(415);
        assertThat(reply.body().get("detail").asText())
                .startsWith("Content-Type: must be application/json")
                .contains("\"text/plain\"");
        assertThat(rows("runs")).isZero();
        assertThat(rows("scenarios")).isEqualTo(scenarios);
        assertThat(rows("secrets")).isZero();
        assertThat(rows("datasets")).isZero();
    }

    @Test
    void aSubmissionAsJsonOrAJsonTypeIsRead() {
        Api.Reply reply = api.post(
                "/api/v1/runs", "application/vnd.loadlab+json", VALID.replace("\"users\": 4", "\"users\": -1"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("field").asText()).isEqualTo("$.load.users");
    }

    @Test
    void oversizedBodyNamesTheLimit() {
        Api.Reply reply = api.post("/api/v1/runs", "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}");

        assertThat(reply.body().get("detail").asText()).contains("1048576 bytes");
    }

    @Test
    void unknownRunsAndRoutesAreProblems() {
        Api.Reply missing = api.get("/api/v1/runs/" + UUID.randomUUID());
        Api.Reply notAnId = api.get("/api/v1/runs/not-an-id");
        Api.Reply noRoute = api.get("/api/v1/nothing-here");
        Api.Reply badLimit = api.get("/api/v1/runs?limit=abc");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.contentType()).startsWith("application/problem+json");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().get("field").asText()).isEqualTo("limit");
    }

    @Test
    void healthReportsLiveAndReady() {
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        Api.Reply ready = api.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().get("status").asText()).isEqualTo("UP");
    }

    private long rows(String table) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
