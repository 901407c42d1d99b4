package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved, versioned scenarios; runs started from them record the version and carry labels; history filters and
 * keyset pagination that stays stable while runs are inserted. No agents: runs stay queued, which is all this needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryIT {
    @TempDir
    static Path dir;

    private Coordinator coordinator;
    private Api api;

    @BeforeAll
    void start() {
        coordinator = Coordinator.start(CoordinatorConfig.local(dir, "history-" + UUID.randomUUID()));
        api = Api.of(coordinator);
    }

    @AfterAll
    void stop() {
        coordinator.close();
    }

    @Test
    void savedScenariosAreVersionedAndRunsRecordTheVersionTheyRan() {
        Api.Reply created = api.post("/api/v1/scenarios", scenario("checkout", 4));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("version").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/scenarios", scenario("checkout", 4)).status())
                .isEqualTo(409);

        Api.Reply updated = api.put("/api/v1/scenarios/checkout", scenario("checkout", 8));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/scenarios/checkout")
                        .body()
                        .get("scenario")
                        .get("load")
                        .get("users")
                        .asInt())
                .isEqualTo(8);
        assertThat(api.get("/api/v1/scenarios/checkout?version=1")
                        .body()
                        .get("scenario")
                        .get("load")
                        .get("users")
                        .asInt())
                .isEqualTo(4);
        Api.Reply renamed = api.put("/api/v1/scenarios/checkout", scenario("other", 8));
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.body().get("field").asText()).isEqualTo("$.name");
        Api.Reply invalid = api.put("/api/v1/scenarios/checkout", scenario("checkout", -1));
        assertThat(invalid.body().get("field").asText()).isEqualTo("$.load.users");
        assertThat(api.get("/api/v1/scenarios/checkout").body().get("version").asInt())
                .isEqualTo(2);

        Api.Reply run = api.post("/api/v1/scenarios/checkout/runs?label=branch:main&label=commit:abc123", "");
        assertThat(run.status()).isEqualTo(202);
        JsonNode stored =
                api.get("/api/v1/runs/" + run.body().get("id").asText()).body();
        assertThat(stored.get("scenarioVersion").asInt()).isEqualTo(2);
        assertThat(stored.get("labels").get("branch").asText()).isEqualTo("main");
        assertThat(stored.get("labels").get("commit").asText()).isEqualTo("abc123");
        assertThat(api.get("/api/v1/scenarios").body().get("scenarios").toString())
                .contains("\"checkout\"");

        assertThat(api.delete("/api/v1/scenarios/checkout").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/scenarios/checkout").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/scenarios/checkout/runs", "").status()).isEqualTo(404);
        assertThat(api.put("/api/v1/scenarios/checkout", scenario("checkout", 8))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/scenarios", scenario("checkout", 2))
                        .body()
                        .get("version")
                        .asInt())
                .as("numbers continue past deleted versions, which old runs still point at")
                .isEqualTo(3);
    }

    @Test
    void historyFiltersByScenarioStatusLabelAndTime() {
        String a = submit("filter-a", "team:blue");
        String b = submit("filter-b", "team:red");
        String c = submit("filter-a", "team:red");

        assertThat(ids("/api/v1/runs?scenario=filter-a")).containsExactly(c, a);
        assertThat(ids("/api/v1/runs?label=team:red&scenario=filter-b")).containsExactly(b);
        assertThat(ids("/api/v1/runs?label=team:red&status=queued"))
                .contains(c, b)
                .doesNotContain(a);
        String submittedB =
                api.get("/api/v1/runs/" + b).body().get("submittedAt").asText();
        assertThat(ids("/api/v1/runs?scenario=filter-a&from=" + submittedB)).containsExactly(c);
        assertThat(ids("/api/v1/runs?scenario=filter-a&to=" + submittedB)).containsExactly(a);
    }

    @Test
    void pagesStayStableWhileRunsAreInserted() {
        List<String> older = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            older.add(0, submit("paged", "batch:one"));
        }

        JsonNode first = api.get("/api/v1/runs?scenario=paged&limit=3").body();
        submit("paged", "batch:two");
        submit("paged", "batch:two");
        JsonNode second = api.get("/api/v1/runs?scenario=paged&limit=3&cursor="
                        + first.get("nextCursor").asText())
                .body();
        JsonNode third = api.get("/api/v1/runs?scenario=paged&limit=3&cursor="
                        + second.get("nextCursor").asText())
                .body();

        List<String> seen = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("runs").forEach(run -> seen.add(run.get("id").asText()));
        }
        assertThat(seen).containsExactlyElementsOf(older);
        assertThat(third.has("nextCursor")).isFalse();
    }

    @Test
    void badHistoryParametersAreNamed() {
        assertThat(api.get("/api/v1/runs?status=WAT").body().get("field").asText())
                .isEqualTo("status");
        assertThat(api.get("/api/v1/runs?cursor=garbage").body().get("field").asText())
                .isEqualTo("cursor");
        assertThat(api.get("/api/v1/runs?label=nocolon").body().get("field").asText())
                .isEqualTo("label");
        assertThat(api.get("/api/v1/runs?from=yesterday").body().get("field").asText())
                .isEqualTo("from");
        assertThat(api.get("/api/v1/runs?limit=0").body().get("field").asText()).isEqualTo("limit");
        assertThat(api.post("/api/v1/runs?label=x", scenario("x", 1))
                        .body()
                        .get("field")
                        .asText())
                .isEqualTo("label");
    }

    private String submit(String name, String label) {
        Api.Reply reply = api.post("/api/v1/runs?label=" + label, scenario(name, 2));
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(202);
        return reply.body().get("id").asText();
    }

    private List<String> ids(String path) {
        List<String> ids = new ArrayList<>();
        api.get(path).body().get("runs").forEach(run -> ids.add(run.get("id").asText()));
        return ids;
    }

    private static String scenario(String name, int users) {
        return """
                {"name": "%s", "target": {"baseUrl": "http://127.0.0.1:9"},
                 "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                 "load": {"model": "closed", "users": %d, "duration": "1s"}}
                """.formatted(name, users);
    }
}
