package dev.loadlab.coordinator.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.model.FailureMessage;
import dev.loadlab.coordinator.model.FlowView;
import dev.loadlab.coordinator.model.RequestView;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.RunView;
import dev.loadlab.coordinator.model.StageView;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.StepView;
import dev.loadlab.coordinator.model.TargetUsage;
import dev.loadlab.coordinator.runs.ResultMerger;
import dev.loadlab.coordinator.runs.StepOutcome;
import dev.loadlab.coordinator.search.GeneratorCheck;
import dev.loadlab.coordinator.search.GeneratorRule;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.message.StepKey;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.FlowResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.result.StageResult;
import dev.loadlab.protocol.scenario.Scenario;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What v2 workloads measure (failed checks per request, failure messages, flows, stages) survives the trip through a
 * real PostgreSQL migrated by the coordinator's own {@link Database}: each agent's result as stored for re-delivery,
 * and the step the real {@link ResultMerger} made, as {@link RunQueries} shows it, with the field names the API
 * promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepDetailsStoreIT {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String SCENARIO = """
            {"name": "shop",
             "target": {"baseUrl": "http://127.0.0.1:9"},
             "workload": {"flows": [{"name": "shopper", "steps": [{"name": "read", "path": "/items/1"}]},
                                    {"name": "admin", "weight": 1, "steps": [{"name": "read", "path": "/items"}]}]},
             "load": {"model": "closed", "warmup": "5s",
                      "stages": [{"users": 20, "ramp": "10s"}, {"users": 20, "hold": "30s"}]},
             "agents": 2}
            """;

    @TempDir
    Path dir;

    private EmbeddedPostgres postgres;
    private Database database;
    private RunStore runs;
    private StepStore steps;
    private RunQueries queries;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = Database.open(
                Optional.of(postgres.getJdbcUrl("postgres", "postgres")),
                Optional.of("postgres"),
                Optional.of("postgres"),
                dir);
        runs = new RunStore(database.dataSource());
        steps = new StepStore(database.dataSource());
        queries = new RunQueries(database.dataSource());
    }

    @AfterAll
    void stop() throws Exception {
        database.close();
        postgres.close();
    }

    @Test
    void anAgentsResultIsStoredForRedeliveryWithEveryNewField() {
        UUID run = newRun();
        StepResult a = agentA(run);

        assertThat(steps.storeAgentResult(a, T0)).isTrue();

        List<StepResult> back = steps.agentResults(StepKey.of(run, 0));
        assertThat(back).containsExactly(a);
        assertThat(back.get(0).failureMessages()).isEqualTo(a.failureMessages());
        assertThat(back.get(0).flows()).isEqualTo(a.flows());
        assertThat(back.get(0).stages()).isEqualTo(a.stages());
        assertThat(back.get(0).requests().get(0).failedChecks()).containsEntry("jsonPath($.sku)", 3L);
    }

    @Test
    void aMergedStepReadsBackWithItsFlowsStagesFailedChecksAndMessages() throws Exception {
        UUID run = newRun();
        StepResult a = agentA(run);
        StepResult b = agentB(run);
        StepRecord merged = ResultMerger.merge(
                        run, 0, T0, T0.plusSeconds(41), Map.of(), List.of(a, b), StepOutcome.normal())
                .with(new StepPlan(0, null, null), null);

        steps.storeStep(merged, RunStatus.SUCCEEDED, T0.plusSeconds(41));
        // A re-delivery rebuilds the step: its flow and stage rows are replaced, not doubled.
        steps.replaceStep(merged);

        RunView view = queries.findRun(run).orElseThrow();
        StepView step = view.steps().get(0);
        assertThat(step.measuredSeconds()).isEqualTo(35.0);
        RequestView read = step.byRequest().get("read");
        assertThat(read.failedChecks())
                .containsExactlyInAnyOrderEntriesOf(Map.of("jsonPath($.sku)", 3L, "status", 5L, "maxMs(500)", 1L));
        assertThat(step.failureMessages())
                .containsExactly(
                        new FailureMessage("read: status: expected [200], found 503", 2),
                        new FailureMessage("read: jsonPath($.sku): expected \"a1\", found \"b2\"", 1),
                        new FailureMessage("dataset shoppers ran out after 40 rows", 1));
        assertThat(step.flows()).extracting(FlowView::name).containsExactly("admin", "shopper");
        FlowView shopper = step.flows().get(1);
        Histogram iterations = histogram(400, 500, 600, 2000);
        LatencyMs expected = LatencyMs.of(iterations);
        assertThat(shopper.completed()).isEqualTo(70);
        assertThat(shopper.failed()).isEqualTo(4);
        assertThat(shopper.completedPerSecond()).isEqualTo(2.0);
        assertThat(shopper.latencyMs())
                .isEqualTo(new FlowView.IterationMs(
                        expected.p50(), expected.p90(), expected.p99(), expected.max(), expected.mean()));
        assertThat(step.stages()).extracting(StageView::index).containsExactly(0, 1);
        StageView ramp = step.stages().get(0);
        assertThat(ramp.users()).isEqualTo(20);
        assertThat(ramp.ramp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ramp.hold()).isNull();
        assertThat(ramp.seconds()).isEqualTo(5);
        assertThat(ramp.requests()).isEqualTo(30);
        StageView hold = step.stages().get(1);
        assertThat(hold.hold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(hold.seconds()).isEqualTo(30);
        assertThat(hold.requests()).isEqualTo(600);
        assertThat(hold.errors()).isEqualTo(9);
        assertThat(hold.throughputRps()).isEqualTo(20.0);
        assertThat(hold.latencyMs().max()).isEqualTo(900);

        // The names the API promises (openapi.yaml, the dashboard), as the coordinator writes them.
        String json = Json.write(view);
        JsonNode written = Json.lenient().readTree(json).path("steps").path(0);
        assertThat(written.path("byRequest")
                        .path("read")
                        .path("failedChecks")
                        .path("status")
                        .asLong())
                .isEqualTo(5);
        assertThat(written.path("failureMessages").path(0).path("message").asText())
                .startsWith("read: status");
        assertThat(written.path("failureMessages").path(0).path("agents").asInt())
                .isEqualTo(2);
        JsonNode flow = written.path("flows").path(1);
        assertThat(flow.path("completedPerSecond").asDouble()).isEqualTo(2.0);
        assertThat(flow.path("latencyMs").fieldNames())
                .toIterable()
                .containsExactly("p50", "p90", "p99", "max", "mean");
        JsonNode stage = written.path("stages").path(0);
        assertThat(stage.fieldNames())
                .toIterable()
                .containsExactly(
                        "index", "users", "ramp", "seconds", "requests", "errors", "throughputRps", "latencyMs");
        assertThat(stage.path("ramp").asText()).isEqualTo("10s");
        assertThat(written.path("stages").path(1).path("hold").asText()).isEqualTo("30s");
        assertThat(stage.path("latencyMs").fieldNames()).toIterable().containsExactly("p50", "p90", "p99", "max");
        assertThat(Json.lenient()
                        .readTree(json)
                        .path("measurement")
                        .path("flows")
                        .asText())
                .contains("completedPerSecond = completed / the step's measured seconds");
        // What the dashboard's fixtures/run-flows.json was recorded from (plus hostile strings added there by hand).
        Files.writeString(Path.of("target", "step-details-run.json"), json);
    }

    @Test
    void v10RewritesAStoredStepsWorkerRequestsToWorkersWithoutInventingWhatWasNotMeasured() throws Exception {
        UUID builtIn = storedStepWithOldUsage("""
                {"cpuCores": 1.2, "rssBytes": 100, "samples": 9,
                 "workerRequests": [{"pid": 12, "requests": 40}, {"pid": 11, "requests": 30}]}""");
        UUID command = storedStepWithOldUsage("""
                {"cpuCores": 0.9, "rssBytes": 100, "samples": 9,
                 "workerRequests": [{"pid": 21, "requests": 0}, {"pid": 22, "requests": 0}]}""");
        String migration = new String(
                Database.class
                        .getResourceAsStream("/db/migration/V10__target_usage_workers.sql")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(migration);
        }

        TargetUsage counted =
                queries.findRun(builtIn).orElseThrow().steps().get(0).target();
        assertThat(counted.workers())
                .containsExactly(
                        new TargetUsage.WorkerUsage(11, "worker", null, null, 30L),
                        new TargetUsage.WorkerUsage(12, "worker", null, null, 40L));
        assertThat(counted.cpuCores()).isEqualTo(1.2);
        assertThat(counted.imbalance()).isNull();
        assertThat(counted.capacityCores()).isNull();
        assertThat(queries.findRun(command)
                        .orElseThrow()
                        .steps()
                        .get(0)
                        .target()
                        .workers())
                .as("all zero while the step had requests: a command profile's unknown counts")
                .extracting(TargetUsage.WorkerUsage::requests)
                .containsExactly(null, null);
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM steps WHERE target_usage -> 'workerRequests' IS NOT NULL")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    /** A stored step of a new run whose target_usage column holds {@code json}, as steps before V10 were stored. */
    private UUID storedStepWithOldUsage(String json) throws Exception {
        UUID run = newRun();
        StepRecord merged = ResultMerger.merge(
                        run,
                        0,
                        T0,
                        T0.plusSeconds(41),
                        Map.of(),
                        List.of(agentA(run), agentB(run)),
                        StepOutcome.normal())
                .with(new StepPlan(0, null, null), null);
        steps.storeStep(merged, RunStatus.SUCCEEDED, T0.plusSeconds(41));
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update =
                        connection.prepareStatement("UPDATE steps SET target_usage = ?::jsonb WHERE run_id = ?")) {
            update.setString(1, json);
            update.setObject(2, run);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        return run;
    }

    @Test
    void theGeneratorRulesThatFiredAndTheUnderLoadedVerdictReadBack() throws Exception {
        UUID run = newRun();
        StepRecord merged = ResultMerger.merge(
                        run, 0, T0, T0.plusSeconds(41), Map.of(), List.of(agentA(run)), StepOutcome.normal())
                .with(new StepPlan(0, "multi-process", 2), null);
        GeneratorCheck.Verdict verdict =
                GeneratorCheck.check(List.of(new GeneratorCheck.Agent("a-1", 0.59, 0.95, 2, false)), 0.5, 2.0, 1, 2);
        steps.storeStep(merged.withHealth(merged.health().with(verdict)), RunStatus.SUCCEEDED, T0.plusSeconds(41));

        StepView step = queries.findRun(run).orElseThrow().steps().get(0);
        assertThat(step.generatorBound()).isTrue();
        assertThat(step.generatorRules()).isEqualTo(verdict.rules());
        assertThat(step.generatorRules())
                .extracting(GeneratorRule::rule)
                .containsExactly(GeneratorCheck.AGENT_HALF_MACHINE, GeneratorCheck.MACHINE_SATURATED);
        assertThat(step.generatorReason()).isEqualTo(verdict.reason());
        assertThat(step.underLoaded()).isTrue();
        assertThat(step.underLoadedReason()).startsWith("1 user for 2 workers");
        JsonNode written = Json.lenient()
                .readTree(Json.write(queries.findRun(run).orElseThrow()))
                .path("steps")
                .path(0);
        assertThat(written.path("generatorRules").path(0).path("rule").asText()).isEqualTo("agent-half-machine");
        assertThat(written.path("underLoaded").asBoolean()).isTrue();
    }

    @Test
    void aStepWithoutRulesReadsBackWithNone() {
        UUID run = newRun();
        StepRecord merged = ResultMerger.merge(
                        run, 0, T0, T0.plusSeconds(41), Map.of(), List.of(agentA(run)), StepOutcome.normal())
                .with(new StepPlan(0, null, null), null);
        steps.storeStep(merged, RunStatus.SUCCEEDED, T0.plusSeconds(41));

        StepView step = queries.findRun(run).orElseThrow().steps().get(0);
        assertThat(step.generatorRules()).isEmpty();
        assertThat(step.underLoaded()).isFalse();
        assertThat(step.underLoadedReason()).isNull();
    }

    private UUID newRun() {
        UUID id = UUID.randomUUID();
        runs.insertRun(id, Json.read(SCENARIO, Scenario.class), null, Map.of("source", "it"), T0);
        runs.markRunning(id, T0);
        return id;
    }

    private static StepResult agentA(UUID run) {
        return result(
                run,
                "agent-a",
                new RequestResult(
                        "read",
                        400,
                        6,
                        Map.of("check", 6L),
                        b64(histogram(10, 20, 900)),
                        Map.of("jsonPath($.sku)", 3L, "status", 3L)),
                List.of(
                        "read: status: expected [200], found 503",
                        "read: jsonPath($.sku): expected \"a1\", found \"b2\""),
                List.of(
                        new FlowResult("shopper", 40, 3, b64(histogram(400, 500))),
                        new FlowResult("admin", 2, 0, b64(histogram(50)))),
                List.of(
                        new StageResult(0, 5, List.of(requestIn("read", 20, histogram(10)))),
                        new StageResult(1, 30, List.of(requestIn("read", 380, histogram(20, 900))))));
    }

    private static StepResult agentB(UUID run) {
        return result(
                run,
                "agent-b",
                new RequestResult(
                        "read",
                        230,
                        3,
                        Map.of("check", 3L),
                        b64(histogram(30)),
                        Map.of("status", 2L, "maxMs(500)", 1L)),
                List.of("read: status: expected [200], found 503", "dataset shoppers ran out after 40 rows"),
                List.of(new FlowResult("shopper", 30, 1, b64(histogram(600, 2000)))),
                List.of(
                        new StageResult(0, 5, List.of(requestIn("read", 10, histogram(30)))),
                        new StageResult(1, 29, List.of(requestIn("read", 220, histogram(30))))));
    }

    private static RequestResult requestIn(String name, long count, Histogram h) {
        long errors = name.equals("read") && count > 300 ? 6 : count > 200 ? 3 : 0;
        return new RequestResult(name, count, errors, Map.of(), b64(h));
    }

    private static StepResult result(
            UUID run,
            String agent,
            RequestResult request,
            List<String> messages,
            List<FlowResult> flows,
            List<StageResult> stages) {
        return new StepResult(
                run,
                0,
                0,
                agent,
                null,
                T0.plusSeconds(5),
                T0.plusSeconds(40),
                100,
                List.of(request),
                2L,
                0.3,
                false,
                false,
                messages,
                flows,
                stages);
    }

    private static Histogram histogram(long... values) {
        Histogram h = HistogramCodec.newHistogram();
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    private static String b64(Histogram h) {
        return HistogramCodec.toBase64(h);
    }
}
