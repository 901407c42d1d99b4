package dev.loadlab.agent.gatling;

import static dev.loadlab.agent.gatling.Assignments.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.DatasetRef;
import dev.loadlab.protocol.scenario.Flow;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Pause;
import dev.loadlab.protocol.scenario.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Gatling against a real HTTP server on a free port: dataset rows feeding users, per strategy. */
class DatasetsIT {
    @TempDir
    Path workDir;

    private JourneyServer server;
    private GatlingStepRunner runner;

    @BeforeEach
    void start() throws IOException {
        server = new JourneyServer();
        runner = new GatlingStepRunner(workDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void circularSharesOneCursorAcrossTheUsers() throws Exception {
        StepResult result = run(DatasetRef.Strategy.CIRCULAR, rows(5), null, 4, Duration.ofSeconds(1));

        assertThat(result.failure()).isNull();
        Map<String, Long> seen = rowsSeen("/row");
        assertThat(seen.keySet()).containsExactlyInAnyOrder("u0", "u1", "u2", "u3", "u4");
        long max = seen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = seen.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        // One shared cursor: after N iterations every row was taken N/5 or N/5 + 1 times.
        assertThat(max - min).as(seen.toString()).isLessThanOrEqualTo(1);
        assertThat(result.failureMessages()).isEmpty();
    }

    @Test
    void randomDrawsRowsOfTheSliceOnly() throws Exception {
        StepResult result = run(DatasetRef.Strategy.RANDOM, rows(5), null, 4, Duration.ofSeconds(1));

        assertThat(result.failure()).isNull();
        Map<String, Long> seen = rowsSeen("/row");
        assertThat(seen.keySet()).containsExactlyInAnyOrder("u0", "u1", "u2", "u3", "u4");
        long max = seen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = seen.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(max - min).as("random, not round robin: " + seen).isGreaterThan(1);
    }

    @Test
    void aQueueGivesEachRowOnceThenUsersStopAndTheStepSaysSo() throws Exception {
        // once takes a row and so does every iteration: 30 rows in all, across /login and /row.
        StepResult result =
                run(DatasetRef.Strategy.QUEUE, rows(30), Pause.fixed(Duration.ofMillis(10)), 3, Duration.ofSeconds(5));

        assertThat(result.failure()).isNull();
        List<String> values = server.all().stream().map(DatasetsIT::value).toList();
        assertThat(values).doesNotHaveDuplicates();
        assertThat(values)
                .containsExactlyInAnyOrderElementsOf(
                        rows(30).rows().stream().map(List::getFirst).toList());
        assertThat(server.all().stream().filter(p -> p.startsWith("/login"))).hasSize(3);
        assertThat(result.failureMessages()).contains("dataset shoppers ran out after 30 rows");
        assertThat(result.flows().getFirst().completed()).isEqualTo(27);
        // Every user stopped when the queue ran dry, long before the 5 s were up.
        assertThat(Duration.between(result.measuredFrom(), result.measuredTo())).isLessThan(Duration.ofSeconds(3));
        long recorded =
                result.requests().stream().mapToLong(RequestResult::requests).sum();
        assertThat(recorded).isEqualTo(30);
    }

    @Test
    void aQueueNeverGivesARowTwiceWhenTimeRunsOutFirst() throws Exception {
        StepResult result = run(
                DatasetRef.Strategy.QUEUE, rows(5_000), Pause.fixed(Duration.ofMillis(20)), 2, Duration.ofSeconds(1));

        assertThat(result.failure()).isNull();
        List<String> values = server.all().stream().map(DatasetsIT::value).toList();
        assertThat(values).isNotEmpty().doesNotHaveDuplicates().hasSizeLessThan(5_000);
        assertThat(result.failureMessages()).isEmpty();
    }

    @Test
    void anAgentWhoseQueueSliceIsEmptySendsNothingAndSaysWhy() throws Exception {
        StepResult result = run(DatasetRef.Strategy.QUEUE, rows(0), null, 2, Duration.ofSeconds(1));

        assertThat(result.failure()).isNull();
        assertThat(server.all()).isEmpty();
        assertThat(result.failureMessages()).containsExactly("dataset shoppers ran out after 0 rows");
    }

    private StepResult run(DatasetRef.Strategy strategy, DatasetSlice slice, Pause pause, int users, Duration duration)
            throws Exception {
        Flow flow = new Flow(
                "reader",
                1,
                strategy == DatasetRef.Strategy.QUEUE ? List.of(step("login", "/login?u=${user}", null)) : null,
                List.of(step("row", "/row?u=${user}&s=${sku}", null)));
        Workload workload = new Workload(null, List.of(flow), pause, new DatasetRef("shoppers", strategy));
        Load load = new Load(LoadModel.CLOSED, users, null, Duration.ZERO, duration);
        return StepHarness.runToEnd(runner, Assignments.v2(server.baseUrl(), workload, load, 0, 1, slice))
                .get();
    }

    private static DatasetSlice rows(int n) {
        return new DatasetSlice(
                "shoppers",
                List.of("user", "sku"),
                IntStream.range(0, n).mapToObj(i -> List.of("u" + i, "s" + i)).toList());
    }

    /** The user column of a request as the server saw it; the row's other column came with it. */
    private static String value(String seen) {
        String user = seen.substring(seen.indexOf("u=") + 2).split("&")[0];
        if (seen.contains("s=")) {
            assertThat(seen).endsWith("&s=s" + user.substring(1));
        }
        return user;
    }

    private Map<String, Long> rowsSeen(String path) {
        return server.all().stream()
                .filter(p -> p.startsWith(path))
                .map(DatasetsIT::value)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
