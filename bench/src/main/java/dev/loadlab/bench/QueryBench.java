package dev.loadlab.bench;

import dev.loadlab.coordinator.compare.CompareService;
import dev.loadlab.coordinator.db.CompareQueries;
import dev.loadlab.coordinator.db.Database;
import dev.loadlab.coordinator.db.RunQueries;
import dev.loadlab.coordinator.db.RunStore;
import dev.loadlab.coordinator.db.StepStore;
import dev.loadlab.coordinator.model.RunCursor;
import dev.loadlab.coordinator.model.RunFilter;
import dev.loadlab.coordinator.model.RunPage;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.model.StepPlan;
import dev.loadlab.coordinator.model.StepRecord;
import dev.loadlab.coordinator.model.TimelinePoint;
import dev.loadlab.coordinator.runs.ResultMerger;
import dev.loadlab.coordinator.runs.StepOutcome;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.LatencyMs;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioCodec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 6's query-speed evidence: stores N runs through the application's own repository code (each with one step
 * and its per-second timeline) in a real PostgreSQL, then times a filtered, paginated history query and a compare,
 * and writes p50/p95 into BENCHMARKS.md.
 */
@Command(
        name = "loadlab bench queries",
        mixinStandardHelpOptions = true,
        description = "Times history and compare queries over many stored runs and writes BENCHMARKS.md.")
public final class QueryBench implements Callable<Integer> {
    private static final int SCENARIOS = 20;
    private static final List<String> BRANCHES = List.of("main", "dev", "release");
    private static final int SECONDS = 10;

    @Option(names = "--runs", defaultValue = "10000", description = "Runs to store (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--queries",
            defaultValue = "300",
            description = "Timed queries of each kind (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--out", defaultValue = "BENCHMARKS.md", description = "Markdown file to write the section into.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("loadlab-query-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Database database = Database.open(
                        Optional.of(postgres.getJdbcUrl("postgres", "postgres")),
                        Optional.of("postgres"),
                        Optional.of("postgres"),
                        dir)) {
            RunStore repository = new RunStore(database.dataSource());
            StepStore timeline = new StepStore(database.dataSource());
            long loadStart = System.nanoTime();
            UUID[] ids = store(repository, timeline);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            CompareService compare = new CompareService(new CompareQueries(database.dataSource()));
            Random random = new Random(7);

            RunQueries history = new RunQueries(database.dataSource());
            double[] firstPage = time(() -> history.listRuns(filter(random), 50, null));
            double[] secondPage = time(() -> {
                RunPage page = history.listRuns(filter(random), 50, null);
                return page.nextCursor() == null
                        ? page
                        : history.listRuns(filter(random), 50, RunCursor.decode(page.nextCursor()));
            });
            double[] compared =
                    time(() -> compare.compare(ids[random.nextInt(ids.length)], ids[random.nextInt(ids.length)]));

            String section = String.format(
                    Locale.ROOT,
                    "## History and compare queries over %,d stored runs (issue 6)%n%n"
                            + "Command: `./loadlab bench queries`. Measured %s on %d cores, Java %d, embedded PostgreSQL"
                            + " 14 on this machine. %,d runs (%d scenario names, labels `branch:main|dev|release`), each"
                            + " with one step and %d per-second timeline rows, stored through `RunStore` and"
                            + " `StepStore` in %.0f s. Each figure: %d calls through the repository/service"
                            + " layer (no HTTP), wall time per call, after 20 warm-up calls.%n%n"
                            + "| query | p50 ms | p95 ms | max ms |%n|---|---|---|---|%n"
                            + "| history, filtered by scenario + label + status, first page of 50 | %s |%n"
                            + "| history, same filter, two pages (second by cursor) | %s |%n"
                            + "| compare two runs (steps matched, Welch's t on repeats or batch means, Holm) | %s |%n%n"
                            + "The issue's bound is 50 ms at p95 for a filtered, paginated list and for a compare.%n",
                    runs,
                    LocalDate.now(),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version().feature(),
                    runs,
                    SCENARIOS,
                    SECONDS,
                    loadSeconds,
                    queries,
                    row(firstPage),
                    row(secondPage),
                    row(compared));
            ScalingBench.writeSection(out, "queries", section);
            System.out.print(section);
            return 0;
        }
    }

    private RunFilter filter(Random random) {
        return new RunFilter(
                "scenario-" + random.nextInt(SCENARIOS),
                RunStatus.SUCCEEDED,
                Map.of("branch", BRANCHES.get(random.nextInt(BRANCHES.size()))),
                null,
                null);
    }

    private double[] time(Supplier<?> query) {
        for (int i = 0; i < 20; i++) {
            query.get();
        }
        double[] ms = new double[queries];
        for (int i = 0; i < queries; i++) {
            long start = System.nanoTime();
            query.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static String row(double[] sorted) {
        return String.format(
                Locale.ROOT,
                "%.1f | %.1f | %.1f",
                sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1],
                sorted[sorted.length - 1]);
    }

    private UUID[] store(RunStore repository, StepStore timeline) {
        Random random = new Random(42);
        UUID[] ids = new UUID[runs];
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < runs; i++) {
            UUID id = UUID.randomUUID();
            ids[i] = id;
            Scenario scenario = scenario("scenario-" + (i % SCENARIOS));
            Instant submitted = t0.plus(Duration.ofMinutes(i));
            repository.insertRun(id, scenario, null, Map.of("branch", BRANCHES.get(i % BRANCHES.size())), submitted);
            Histogram histogram = HistogramCodec.newHistogram();
            long rps = 100 + random.nextInt(50);
            for (int s = 0; s < SECONDS; s++) {
                Histogram second = HistogramCodec.newHistogram();
                second.recordValueWithCount(10 + random.nextInt(20), rps);
                histogram.add(second);
                timeline.storeSecond(
                        id,
                        0,
                        new TimelinePoint(
                                s,
                                false,
                                rps,
                                0,
                                Map.of(),
                                LatencyMs.of(second),
                                Map.of("hello", new TimelinePoint.NameCount(rps, 0)),
                                Map.of("a1", 0.3),
                                false,
                                null),
                        second);
            }
            StepResult result = new StepResult(
                    id,
                    0,
                    0,
                    "a1",
                    null,
                    submitted,
                    submitted.plusSeconds(SECONDS),
                    0,
                    List.of(new RequestResult("hello", rps * SECONDS, 0, Map.of(), HistogramCodec.toBase64(histogram))),
                    1L,
                    0.3,
                    false,
                    false);
            StepRecord step = ResultMerger.merge(
                            id,
                            0,
                            submitted,
                            submitted.plusSeconds(SECONDS),
                            Map.of(),
                            List.of(result),
                            StepOutcome.normal())
                    .with(new StepPlan(0, "async", 1 + i % 4), null);
            timeline.storeStep(step, RunStatus.SUCCEEDED, submitted.plusSeconds(SECONDS));
            if ((i + 1) % 1000 == 0) {
                System.err.printf(Locale.ROOT, "stored %,d runs%n", i + 1);
            }
        }
        return ids;
    }

    private static Scenario scenario(String name) {
        return ScenarioCodec.decode("""
                {"name": "%s", "target": {"baseUrl": "http://127.0.0.1:9000"},
                 "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                 "load": {"model": "closed", "users": 8, "duration": "10s"}}
                """.formatted(name));
    }
}
