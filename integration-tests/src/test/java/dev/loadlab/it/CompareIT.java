package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.compare.CompareReport;
import dev.loadlab.coordinator.compare.CompareService;
import dev.loadlab.coordinator.compare.StepComparison;
import dev.loadlab.coordinator.compare.Verdict;
import dev.loadlab.coordinator.db.CompareQueries;
import dev.loadlab.coordinator.db.Database;
import dev.loadlab.coordinator.db.RunStore;
import dev.loadlab.coordinator.db.StepStore;
import dev.loadlab.coordinator.model.TrendMetric;
import dev.loadlab.coordinator.model.TrendPoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparisons and trends against a real PostgreSQL (migrated by the coordinator's own {@link Database}), with runs
 * stored through the application's own repositories by {@link CompareFixture}, with known differences: candidate throughput ~20% higher (improved), the same distribution (no significant change), ~20% lower
 * (regressed), too few seconds (insufficient data). {@link CompareService} is tested directly; the routes are served
 * by a Vert.x server on port 0 with a failure handler mapping errors as the coordinator's ProblemHandler does, since
 * wiring them into the coordinator's router is one line of the route table in HttpApi.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareIT {
    private static final String NAME = "checkout-" + UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    static Path dir;

    private EmbeddedPostgres postgres;
    private Database database;
    private CompareService service;
    private Coordinator coordinator;
    private Api api;

    private UUID baseline;
    private UUID candidate;
    private UUID later;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = Database.open(
                Optional.of(postgres.getJdbcUrl("postgres", "postgres")),
                Optional.of("postgres"),
                Optional.of("postgres"),
                dir);
        service = new CompareService(new CompareQueries(database.dataSource()));
        CompareFixture fixture =
                new CompareFixture(new RunStore(database.dataSource()), new StepStore(database.dataSource()), NAME, T0);
        fixture.storeRuns();
        baseline = fixture.baseline;
        candidate = fixture.candidate;
        later = fixture.later;

        // The routes as users reach them: a coordinator over the same database.
        coordinator = Coordinator.start(CoordinatorConfig.local(dir, "compare-" + UUID.randomUUID()).toBuilder()
                .database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
                .build());
        api = Api.of(coordinator);
    }

    @AfterAll
    void stop() throws Exception {
        if (coordinator != null) {
            coordinator.close();
        }
        if (database != null) {
            database.close();
        }
        postgres.close();
    }

    private StepComparison step(CompareReport report, String profile, int workers, String request) {
        return report.steps().stream()
                .filter(s -> profile.equals(s.profile()) && workers == s.workers() && request.equals(s.request()))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no " + profile + "/" + workers + "/" + request + " in " + report));
    }

    @Test
    void verdictsFollowTheMeasuredThroughput() {
        CompareReport report = service.compare(baseline, candidate);

        assertThat(report.method()).startsWith("Welch's t-test (Apache Commons Statistics), two-sided");
        assertThat(report.correction()).startsWith("Holm");
        assertThat(report.minEffect()).isEqualTo(0.05);
        assertThat(report.baseline().id()).isEqualTo(baseline.toString());
        assertThat(report.candidate().status()).isEqualTo("SUCCEEDED");

        StepComparison faster = step(report, "async", 1, "all");
        assertThat(faster.verdict()).isEqualTo(Verdict.IMPROVED);
        // 10 measured seconds a side, as 5 batch means of 2 s (no repeats to compare).
        assertThat(faster.test().samples()).isEqualTo("batch means");
        assertThat(faster.test().batchSeconds()).isEqualTo(2);
        assertThat(faster.test().baselineSamples()).isEqualTo(5);
        assertThat(faster.test().candidateSamples()).isEqualTo(5);
        assertThat(faster.test().pValue()).isLessThan(0.001);
        assertThat(faster.test().adjustedPValue())
                .isLessThan(0.05)
                .isGreaterThanOrEqualTo(faster.test().pValue());
        assertThat(faster.test().effect()).isBetween(0.19, 0.21);
        assertThat(faster.test().effectLow()).isLessThan(faster.test().effect());
        assertThat(faster.throughputRps().deltaPercent()).isBetween(19.0, 21.0);
        assertThat(faster.p50Ms().baseline()).isEqualTo(10);
        assertThat(faster.p50Ms().candidate()).isEqualTo(8);
        assertThat(faster.p99Ms().delta()).isEqualTo(-10);
        assertThat(faster.errorRate().baseline()).isCloseTo(0.01, within(0.0005));
        assertThat(faster.errorRate().candidate()).isZero();
        // Each request name is matched and tested on its own per-second counts.
        assertThat(step(report, "async", 1, "cpu").verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(step(report, "async", 1, "io").verdict()).isEqualTo(Verdict.IMPROVED);

        StepComparison same = step(report, "async", 2, "all");
        assertThat(same.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(same.test().pValue()).isEqualTo(1.0);
        assertThat(same.test().candidateSamples())
                .as("warm-up seconds are left out: 10 measured seconds, 5 batches of 2 s")
                .isEqualTo(5);

        StepComparison slower = step(report, "threaded", 2, "all");
        assertThat(slower.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(slower.test().pValue()).isLessThan(0.05);
        assertThat(slower.throughputRps().delta()).isNegative();

        // 3 measured seconds a side: the fewest that are tested (3 batches of 1 s); fewer are insufficient data.
        StepComparison few = step(report, "green", 1, "all");
        assertThat(few.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(few.test().batchSeconds()).isEqualTo(1);
        assertThat(few.test().baselineSamples()).isEqualTo(3);
        assertThat(few.test().adjustedPValue()).isLessThan(0.05);

        assertThat(report.onlyInBaseline())
                .extracting(u -> u.profile() + "/" + u.workers() + "/" + u.request())
                .containsExactly("multi-process/1/all", "multi-process/1/cpu", "multi-process/1/io");
        assertThat(report.onlyInCandidate())
                .extracting(u -> u.profile() + "/" + u.workers() + "/" + u.request())
                .containsExactly("async/4/all", "async/4/cpu", "async/4/io");
    }

    @Test
    void anUnknownRunIsNotFound() {
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> service.compare(baseline, nobody))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining(nobody.toString());
    }

    @Test
    void trendIsOldestFirstOverRunsWithTheMatchingStep() {
        List<TrendPoint> series = service.trend(NAME, TrendMetric.THROUGHPUT, "async", 1, 100);

        assertThat(series)
                .extracting(TrendPoint::runId)
                .containsExactly(baseline.toString(), candidate.toString(), later.toString());
        // Sums of the +-5% spread round to 1001, 1201 and 1302 responses over 10 s.
        assertThat(series).extracting(TrendPoint::value).containsExactly(100.1, 120.1, 130.2);
        assertThat(series).extracting(TrendPoint::status).containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
        assertThat(series.get(0).submittedAt()).isEqualTo(T0);

        assertThat(service.trend(NAME, TrendMetric.P99, "async", 1, 100))
                .extracting(TrendPoint::value)
                .containsExactly(40.0, 30.0, 25.0);
        assertThat(service.trend(NAME, TrendMetric.THROUGHPUT, "async", 1, 2))
                .as("the limit keeps the most recent runs")
                .extracting(TrendPoint::runId)
                .containsExactly(candidate.toString(), later.toString());
        List<TrendPoint> plain = service.trend(NAME, TrendMetric.ERROR_RATE, null, null, 100);
        assertThat(plain).singleElement().satisfies(p -> assertThat(p.value()).isCloseTo(0.1, within(0.001)));
        assertThat(service.trend("no-such-scenario", TrendMetric.P50, null, null, 100))
                .isEmpty();
    }

    @Test
    void theRoutesAnswerJsonAndNameBadParameters() {
        Api.Reply compare = api.get("/api/v1/compare?baseline=" + baseline + "&candidate=" + candidate);
        assertThat(compare.status()).as(String.valueOf(compare.body())).isEqualTo(200);
        assertThat(compare.body().get("method").asText()).startsWith("Welch's t-test");
        JsonNode first = compare.body().get("steps").get(0);
        assertThat(first.get("verdict").asText()).isEqualTo("improved");
        assertThat(first.get("test").get("pValue").asDouble()).isLessThan(0.05);
        assertThat(first.get("throughputRps").get("deltaPercent").asDouble()).isBetween(19.0, 21.0);

        Api.Reply unknown = api.get("/api/v1/compare?baseline=" + baseline + "&candidate=" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Api.Reply missing = api.get("/api/v1/compare?baseline=" + baseline);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("field").asText()).isEqualTo("candidate");

        Api.Reply strict =
                api.get("/api/v1/compare?baseline=" + baseline + "&candidate=" + candidate + "&minEffect=0.5");
        assertThat(strict.status()).isEqualTo(200);
        assertThat(strict.body().get("minEffect").asDouble()).isEqualTo(0.5);
        assertThat(strict.body().get("steps").get(0).get("verdict").asText())
                .as("a 20 %% change is below a 50 %% minimum effect")
                .isEqualTo("no significant change");
        Api.Reply badEffect =
                api.get("/api/v1/compare?baseline=" + baseline + "&candidate=" + candidate + "&minEffect=2");
        assertThat(badEffect.status()).isEqualTo(400);
        assertThat(badEffect.body().get("field").asText()).isEqualTo("minEffect");

        Api.Reply malformed = api.get("/api/v1/compare?baseline=nope&candidate=" + candidate);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("field").asText()).isEqualTo("baseline");

        Api.Reply trend = api.get("/api/v1/scenarios/" + NAME + "/trend?metric=throughput&profile=async&workers=1");
        assertThat(trend.status()).isEqualTo(200);
        assertThat(trend.body().isArray()).isTrue();
        assertThat(trend.body()).hasSize(3);
        assertThat(trend.body().get(0).get("runId").asText()).isEqualTo(baseline.toString());
        assertThat(trend.body().get(0).get("submittedAt").asText()).isEqualTo("2026-11-01T10:00:00Z");

        Api.Reply badMetric = api.get("/api/v1/scenarios/" + NAME + "/trend?metric=p95");
        assertThat(badMetric.status()).isEqualTo(400);
        assertThat(badMetric.body().get("field").asText()).isEqualTo("metric");
        assertThat(badMetric.body().get("detail").asText()).contains("throughput, p50, p99, errorRate");

        Api.Reply tooMany = api.get("/api/v1/scenarios/" + NAME + "/trend?metric=p50&limit=1001");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().get("field").asText()).isEqualTo("limit");

        Api.Reply half = api.get("/api/v1/scenarios/" + NAME + "/trend?metric=p50&profile=async");
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.body().get("field").asText()).isEqualTo("workers");
    }
}
