package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.targethost.TargetConfig;
import dev.loadlab.targethost.TargetServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored secret reaches the target and nowhere else. The secret {@code apikey} (32 random characters) is sent as a
 * header to the target's {@code /echo}, which answers it back; a check sees it arrived. Then the value must appear in
 * no REST answer (the secrets list, the runs, the run list, the saved scenario, the timelines), in no row of any table
 * of the coordinator's PostgreSQL (each row dumped as text, so a bytea column shows as hex: the value is also looked
 * for hex- and base64-encoded), and in no line the coordinator or the agent printed, nor in any file the agent wrote.
 *
 * <p>The coordinator runs in its own JVM here (unlike most tests) so that all it prints can be read back, and uses a
 * PostgreSQL this test started, so that the test can read every table. A second run fails a check on purpose with the
 * value as the found value: its failure message must carry {@code ${secret:apikey}} instead.
 */
class SecretsIT {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @TempDir
    Path dir;

    @Test
    void aSecretIsSentToTheTargetButNeverShownStoredInClearOrLogged() throws Exception {
        String value = randomValue();
        List<String> answers = new ArrayList<>();
        Path agents = dir.resolve("agents");
        Path coordinatorData = dir.resolve("coordinator");
        Path coordinatorLog = dir.resolve("logs/coordinator.log");
        String cluster = "secrets-" + UUID.randomUUID();
        Map<String, String> rows;
        String agentLog;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .start();
                TargetServer target = new TargetServer(TargetConfig.ephemeral(16)).start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (CoordinatorProcess coordinator = CoordinatorProcess.start(
                            coordinatorData, coordinatorLog, cluster, jdbcUrl, "it-token-" + UUID.randomUUID());
                    AgentProcess agent =
                            AgentProcess.start("secrets-agent", coordinator.clusterAddress, cluster, agents)) {
                Api api = coordinator.api;
                Poll.until("the agent to be idle", Duration.ofSeconds(90), () -> {
                    JsonNode list = api.get("/api/v1/agents").body();
                    return list.size() == 1 && list.get(0).get("state").asText().equals("IDLE")
                            ? Optional.of(true)
                            : Optional.empty();
                });

                Api.Reply added =
                        api.post("/api/v1/secrets", "{\"name\": \"apikey\", \"value\": " + Jsons.quote(value) + "}");
                assertThat(added.status()).as(String.valueOf(added.body())).isEqualTo(201);
                answers.add(added.body().toString());
                JsonNode secrets = api.get("/api/v1/secrets").body();
                answers.add(secrets.toString());
                JsonNode listed = Jsons.element(secrets.get("secrets"), "name", "apikey")
                        .orElseThrow(() -> new AssertionError("apikey not listed in " + secrets));
                assertThat(Jsons.fieldNames(listed)).containsExactlyInAnyOrder("name", "createdAt");

                String baseUrl = "http://127.0.0.1:" + target.port();
                Api.Reply saved = api.post("/api/v1/scenarios", scenario("secret-echo", baseUrl, "\"exists\": true"));
                assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(201);
                answers.add(saved.body().toString());
                Api.Reply started = api.post("/api/v1/scenarios/secret-echo/runs", "");
                assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
                answers.add(started.body().toString());
                String cleanId = started.body().get("id").asText();
                JsonNode clean = awaitEnd(api, cleanId);

                assertThat(clean.get("status").asText())
                        .as(clean.toPrettyString())
                        .isEqualTo("SUCCEEDED");
                JsonNode cleanStep = clean.get("steps").get(0);
                assertThat(cleanStep.get("requests").asLong()).isPositive();
                assertThat(cleanStep.get("errors").asLong())
                        .as(cleanStep.toPrettyString())
                        .isZero();
                assertThat(clean.get("scenario").toString())
                        .as("the scenario keeps the reference, not the value")
                        .contains("${secret:apikey}");

                String leakId =
                        submit(api, answers, scenario("secret-leak", baseUrl, "\"equals\": \"not-the-secret\""));
                JsonNode leak = awaitEnd(api, leakId);
                JsonNode leakStep = leak.get("steps").get(0);
                System.out.println("SecretsIT failure messages: " + leakStep.get("failureMessages"));
                JsonNode echo = leakStep.get("byRequest").get("echo");
                assertThat(echo.get("errors").asLong())
                        .isEqualTo(echo.get("requests").asLong());
                assertThat(Jsons.longOf(echo.get("failedChecks"), "jsonPath($.headers.x-api-key)"))
                        .isEqualTo(echo.get("requests").asLong());
                assertThat(Jsons.messages(leakStep))
                        .as("the found value, replaced by its reference")
                        .anySatisfy(m -> assertThat(m).contains("${secret:apikey}"));

                for (String id : List.of(cleanId, leakId)) {
                    answers.add(api.get("/api/v1/runs/" + id).body().toString());
                    answers.add(api.get("/api/v1/runs/" + id + "/steps/0/timeline")
                            .body()
                            .toString());
                }
                answers.add(api.get("/api/v1/runs").body().toString());
                answers.add(api.get("/api/v1/scenarios").body().toString());
                answers.add(api.get("/api/v1/scenarios/secret-echo").body().toString());
                answers.add(api.get("/api/v1/secrets").body().toString());

                rows = dumpPublicTables(jdbcUrl);
                agentLog = agent.output();
            }
        }

        assertThat(answers).allSatisfy(answer -> assertNoLeak("a REST answer", answer, value));
        assertThat(String.join("\n", rows.values()))
                .as("the stored rows name the secret")
                .contains("apikey");
        rows.forEach((table, text) -> assertNoLeak("table " + table, text, value));
        assertThat(agentLog).as("the agent's output").contains("loadlab-agent ready");
        assertNoLeak("the agent's output", agentLog, value);
        String coordinatorOutput = Files.readString(coordinatorLog);
        assertThat(coordinatorOutput).as("the coordinator's output").contains("loadlab-coordinator ready");
        assertNoLeak("the coordinator's output", coordinatorOutput, value);
        for (Path file : files(agents)) {
            assertNoLeak(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), value);
        }
    }

    /** A scenario sending the secret as {@code X-Api-Key} to {@code /echo}, checking the echoed header with {@code check}. */
    private static String scenario(String name, String baseUrl, String check) {
        return """
                {"name": "%s",
                 "target": {"baseUrl": "%s"},
                 "workload": {"requests": [{"name": "echo", "path": "/echo",
                   "headers": {"X-Api-Key": "${secret:apikey}"},
                   "checks": [{"jsonPath": "$.headers.x-api-key", %s}]}],
                   "pause": {"fixed": "20ms"}},
                 "load": {"model": "closed", "users": 2, "duration": "2s"}}
                """.formatted(name, baseUrl, check);
    }

    private static String submit(Api api, List<String> answers, String scenario) {
        Api.Reply reply = api.post("/api/v1/runs", scenario);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(202);
        answers.add(reply.body().toString());
        return reply.body().get("id").asText();
    }

    private static JsonNode awaitEnd(Api api, String id) {
        return Poll.until("run " + id + " to finish", Duration.ofSeconds(90), () -> {
            JsonNode run = api.get("/api/v1/runs/" + id).body();
            String status = run.get("status").asText();
            return status.equals("QUEUED") || status.equals("RUNNING") ? Optional.empty() : Optional.of(run);
        });
    }

    /** Every row of every table of the public schema, as PostgreSQL writes the row as text; by table name. */
    private static Map<String, String> dumpPublicTables(String jdbcUrl) throws Exception {
        Map<String, String> dump = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement s = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertThat(tables).as("tables of the public schema").contains("runs", "steps");
            for (String table : tables) {
                StringBuilder text = new StringBuilder();
                try (ResultSet r = s.executeQuery("SELECT t::text FROM \"" + table.replace("\"", "\"\"") + "\" t")) {
                    while (r.next()) {
                        text.append(r.getString(1)).append('\n');
                    }
                }
                dump.put(table, text.toString());
            }
        }
        return dump;
    }

    private static void assertNoLeak(String where, String text, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        assertThat(text).as(where + " holds the secret's value").doesNotContain(value);
        assertThat(text.toLowerCase())
                .as(where + " holds the secret's value hex-encoded")
                .doesNotContain(HexFormat.of().formatHex(bytes));
        assertThat(text)
                .as(where + " holds the secret's value base64-encoded")
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static String randomValue() {
        SecureRandom random = new SecureRandom();
        StringBuilder value = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }
}
