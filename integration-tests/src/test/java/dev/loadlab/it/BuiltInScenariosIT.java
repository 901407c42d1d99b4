package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.launcher.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios shipped with the product: every coordinator lists them, pointed at its configured target host, marked
 * built-in; a restart neither duplicates them nor overwrites a user's version; a saved scenario runs changed by a
 * merge patch body, recording the version it started from, and a bad patch is refused naming the field.
 */
class BuiltInScenariosIT {
    private static final CoordinatorConfig.TargetHost HOST =
            new CoordinatorConfig.TargetHost("http://127.0.0.1:9100", "http://127.0.0.1:9101", "it-token");

    @TempDir
    Path dir;

    @Test
    void aFreshCoordinatorListsTheBuiltInsAndARestartKeepsThemOnce() {
        CoordinatorConfig config =
                CoordinatorConfig.local(dir.resolve("data"), "builtin-" + UUID.randomUUID()).toBuilder()
                        .targetHost(HOST)
                        .build();
        try (Coordinator coordinator = Coordinator.start(config)) {
            Api api = Api.of(coordinator);
            JsonNode listed = api.get("/api/v1/scenarios").body().get("scenarios");

            assertThat(names(listed)).containsExactly("gil-cpu", "gil-mixed", "py-gil-cpu", "py-gil-mixed", "smoke");
            for (JsonNode saved : listed) {
                assertThat(saved.get("builtIn").asBoolean())
                        .as(saved.toString())
                        .isTrue();
                assertThat(saved.get("version").asInt()).isEqualTo(1);
                assertThat(saved.get("scenario").get("target").get("baseUrl").asText())
                        .isEqualTo("http://127.0.0.1:9100");
            }
            for (String sweep : List.of("gil-cpu", "gil-mixed")) {
                JsonNode scenario = api.get("/api/v1/scenarios/" + sweep).body().get("scenario");
                JsonNode target = scenario.get("target");
                assertThat(target.get("control").get("url").asText()).isEqualTo("http://127.0.0.1:9101");
                assertThat(target.get("control").get("token").asText()).isEqualTo("***");
                assertThat(texts(target.get("profiles")))
                        .containsExactly("multi-process", "threaded-gil", "threaded", "async", "green");
                assertThat(texts(target.get("workers"))).containsExactly("1", "2", "4", "8", "16", "32");
                assertThat(scenario.get("load").get("model").asText()).isEqualTo("closed");
                assertThat(scenario.get("load").get("users").asInt()).isEqualTo(64);
            }
            assertThat(api.get("/api/v1/scenarios/gil-cpu")
                            .body()
                            .get("scenario")
                            .get("workload")
                            .toString())
                    .contains("/cpu?ms=5");
            assertThat(api.get("/api/v1/scenarios/gil-mixed")
                            .body()
                            .get("scenario")
                            .get("workload")
                            .toString())
                    .contains("/mixed?io=16&cpu=4");
            JsonNode smoke = api.get("/api/v1/scenarios/smoke").body().get("scenario");
            assertThat(smoke.get("target").has("control")).isFalse();
            assertThat(smoke.get("workload").toString()).contains("/hello");
            // A user's own version of a built-in name is theirs: no restart overwrites it.
            Api.Reply mine = api.put("/api/v1/scenarios/smoke", smoke.toString().replace("/hello", "/io?ms=1"));
            assertThat(mine.status()).as(String.valueOf(mine.body())).isEqualTo(200);
            assertThat(mine.body().get("builtIn").asBoolean()).isFalse();
        }

        try (Coordinator restarted = Coordinator.start(config)) {
            Api api = Api.of(restarted);
            assertThat(api.get("/api/v1/scenarios/gil-cpu")
                            .body()
                            .get("version")
                            .asInt())
                    .isEqualTo(1);
            assertThat(api.get("/api/v1/scenarios/gil-cpu?version=2").status()).isEqualTo(404);
            JsonNode smoke = api.get("/api/v1/scenarios/smoke").body();
            assertThat(smoke.get("version").asInt()).isEqualTo(2);
            assertThat(smoke.get("builtIn").asBoolean()).isFalse();
            assertThat(smoke.get("scenario").get("workload").toString()).contains("/io?ms=1");
        }

        // Another target host changes the documents: one new built-in version each, the old ones kept for old runs.
        CoordinatorConfig.TargetHost moved =
                new CoordinatorConfig.TargetHost("http://localhost:9200", "http://localhost:9201", "it-token");
        try (Coordinator elsewhere =
                Coordinator.start(config.toBuilder().targetHost(moved).build())) {
            Api api = Api.of(elsewhere);
            JsonNode cpu = api.get("/api/v1/scenarios/gil-cpu").body();
            assertThat(cpu.get("version").asInt()).isEqualTo(2);
            assertThat(cpu.get("builtIn").asBoolean()).isTrue();
            assertThat(cpu.get("scenario").get("target").get("baseUrl").asText())
                    .isEqualTo("http://localhost:9200");
            assertThat(api.get("/api/v1/scenarios/gil-cpu?version=1")
                            .body()
                            .get("scenario")
                            .get("target")
                            .get("baseUrl")
                            .asText())
                    .isEqualTo("http://127.0.0.1:9100");
        }
    }

    @Test
    void aPatchedSavedScenarioRunsAsPatchedAndRecordsItsVersionAndABadPatchIsRefused() throws Exception {
        Path home = Path.of(System.getProperty("loadlab.agent.jar"))
                .getParent()
                .getParent()
                .getParent();
        String cluster = "builtin-run-" + UUID.randomUUID();
        try (ChildJvm app = ChildJvm.start(
                "target",
                home.resolve("target-app/target/loadlab-target-app.jar"),
                dir,
                List.of("--port", "0", "--workers", "4"))) {
            String appUrl = app.awaitLine(Pattern.compile("ready: (http://\\S+)"), Duration.ofSeconds(90));
            CoordinatorConfig config = CoordinatorConfig.local(dir.resolve("data"), cluster).toBuilder()
                    .targetHost(new CoordinatorConfig.TargetHost(appUrl, "http://127.0.0.1:9", "unused"))
                    .build();
            try (Coordinator coordinator = Coordinator.start(config);
                    ChildJvm agent = ChildJvm.start(
                            "agent",
                            Path.of(System.getProperty("loadlab.agent.jar")),
                            dir,
                            List.of(
                                    "--id",
                                    "builtin-agent",
                                    "--join",
                                    coordinator.clusterAddress(),
                                    "--cluster-name",
                                    cluster,
                                    "--work-dir",
                                    dir.resolve("agent").toString()))) {
                agent.awaitLine(Pattern.compile("loadlab-agent ready"), Duration.ofSeconds(90));
                Api api = Api.of(coordinator);

                for (String[] bad : List.of(
                        new String[] {"{\"load\": {\"duration\": \"forever\"}}", "$.load.duration"},
                        new String[] {"{\"load\": {\"users\": null}}", "$.load.users"},
                        new String[] {"{\"load\": {\"turbo\": true}}", "$.load.turbo"},
                        new String[] {"{\"name\": \"other\"}", "$.name"},
                        new String[] {"[1, 2]", "$"},
                        new String[] {"{\"load\": ", "$"})) {
                    Api.Reply refused = api.post("/api/v1/scenarios/smoke/runs", bad[0]);
                    assertThat(refused.status())
                            .as(bad[0] + " -> " + refused.body())
                            .isEqualTo(400);
                    assertThat(refused.contentType()).startsWith("application/problem+json");
                    assertThat(refused.body().get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
                }
                assertThat(api.get("/api/v1/runs?scenario=smoke").body().get("runs"))
                        .as("a refused patch stores no run")
                        .isEmpty();

                Api.Reply started = api.post(
                        "/api/v1/scenarios/smoke/runs?label=why:patched",
                        "{\"load\": {\"users\": 1, \"warmup\": \"0s\", \"duration\": \"1s\"}}");
                assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
                String id = started.body().get("id").asText();
                JsonNode run = Poll.until("run " + id + " to finish", Duration.ofSeconds(120), () -> {
                    JsonNode r = api.get("/api/v1/runs/" + id).body();
                    String status = r.get("status").asText();
                    return status.equals("QUEUED") || status.equals("RUNNING") ? Optional.empty() : Optional.of(r);
                });

                assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
                assertThat(run.get("name").asText()).isEqualTo("smoke");
                assertThat(run.get("scenarioVersion").asInt()).isEqualTo(1);
                assertThat(run.get("labels").get("why").asText()).isEqualTo("patched");
                JsonNode load = run.get("scenario").get("load");
                assertThat(load.get("users").asInt()).isEqualTo(1);
                assertThat(load.get("duration").asText()).isEqualTo("1s");
                assertThat(run.get("scenario").get("workload").toString()).contains("/hello");
                assertThat(run.get("steps").get(0).get("requests").asLong()).isPositive();
                // The saved scenario itself is unchanged.
                JsonNode saved = api.get("/api/v1/scenarios/smoke").body();
                assertThat(saved.get("version").asInt()).isEqualTo(1);
                assertThat(saved.get("scenario").get("load").get("users").asInt())
                        .isEqualTo(2);
            }
        }
    }

    private static List<String> names(JsonNode scenarios) {
        List<String> names = new ArrayList<>();
        scenarios.forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.asText()));
        return texts;
    }
}
