package dev.loadlab.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingTableTest {
    @Test
    void rowsAreProfilesColumnsAreWorkersCellsAreRequestsPerSecondWithCores() {
        String table = ScalingTable.format(FindingsTest.cpuBench());

        assertThat(table)
                .contains("gil-cpu (run run-1, SUCCEEDED): GET /cpu?ms=5")
                .contains("requests/s [target CPU cores] by profile x workers W: closed model, 64 users, measured 2s"
                        + " per cell after a 1s warm-up;")
                .contains("from /proc")
                .containsPattern("profile\\s+W=1\\s+W=2\\s+W=4\n")
                .containsPattern("threaded-gil\\s+191 \\[1\\.0]\\s+186 \\[1\\.0]\\s+185 \\[1\\.0]\n")
                .containsPattern("multi-process\\s+188 \\[1\\.0]\\s+297 \\[1\\.6]\\s+282 \\[1\\.6]\n")
                .doesNotContain("*");
    }

    @Test
    void theRealServersRowsLineUpUnderTheirColumns() {
        String table = ScalingTable.format(PythonFindingsTest.cpu());

        List<String> rows = table.lines()
                .filter(line -> line.startsWith("  profile")
                        || line.startsWith("  gunicorn")
                        || line.startsWith("  uvicorn")
                        || line.startsWith("  gevent"))
                .toList();
        assertThat(rows).hasSize(5);
        assertThat(rows).extracting(String::length).containsOnly(rows.get(0).length());
        assertThat(table).containsPattern("gunicorn-gthread\\s+185 \\[1\\.0]\\s+180 \\[1\\.0]\\s+178 \\[1\\.0]\n");
    }

    @Test
    void aGeneratorBoundCellIsMarkedAndExplainedAndAMissingOneIsADash() {
        ScalingResult bound = FindingsTest.result(
                List.of(1, 2),
                new double[][][] {
                    {{188, 210, 1.0}, {297, 236, 1.61}},
                    {{191, 178, 1.0}, {186, 191, 1.01}},
                    {{194, 173, 1.0}, {350, 134, 1.82}},
                    {{196, 320, 1.0}, {364, 138, 1.9}},
                    {{193, 900, 1.0}, {375, 800, 1.92}}
                },
                2,
                1);
        ScalingResult missing = new ScalingResult(
                bound.scenario(),
                bound.runId(),
                "FAILED",
                bound.requests(),
                bound.model(),
                bound.users(),
                bound.warmup(),
                bound.duration(),
                bound.profiles(),
                bound.workers(),
                bound.cells().subList(1, bound.cells().size()),
                bound.generatorReason(),
                null);

        String table = ScalingTable.format(missing);

        assertThat(table)
                .containsPattern("threaded\\s+194 \\[1\\.0]\\s+350 \\[1\\.8]\\*\n")
                .contains("* the load generator was the bottleneck (agent averaged 95% of its cores)")
                .containsPattern("multi-process\\s+-\\s+297 \\[1\\.6]\n")
                .contains("- no result: the step failed");
    }

    @Test
    void readsTheRunAsTheRestApiReturnsIt() throws Exception {
        JsonNode run = Json.lenient().readTree("""
                {"id": "r1", "name": "gil-mixed", "status": "SUCCEEDED",
                 "scenario": {"name": "gil-mixed",
                   "target": {"baseUrl": "http://127.0.0.1:9000", "profiles": ["async", "threaded"], "workers": [1, 2]},
                   "workload": {"requests": [{"name": "mixed", "method": "GET", "path": "/mixed?io=16&cpu=4"}]},
                   "load": {"model": "closed", "users": 64, "warmup": "1s", "duration": "2s"}},
                 "steps": [{"generatorBound": true, "generatorReason": "agent at 97% of its cores"},
                   {"underLoaded": true, "underLoadedReason": "1 user for 2 workers: at most 1 worker can be busy"}],
                 "series": [
                   {"profile": "async", "points": [
                     {"workers": 1, "throughputRps": 247.4, "p99Ms": 194, "targetCpuCores": 1.01, "generatorBound": false},
                     {"workers": 2, "throughputRps": 462.0, "p99Ms": 112, "targetCpuCores": 1.91, "generatorBound": true}]},
                   {"profile": "threaded", "points": [
                     {"workers": 1, "throughputRps": 48, "p99Ms": 685, "generatorBound": false},
                     {"workers": 2, "throughputRps": 50, "p99Ms": 600, "generatorBound": false,
                      "underLoaded": true}]}]}
                """);

        ScalingResult result = ScalingResult.of(run);

        assertThat(result.profiles()).containsExactly("async", "threaded");
        assertThat(result.workers()).containsExactly(1, 2);
        assertThat(result.users()).isEqualTo(64);
        assertThat(result.generatorReason()).isEqualTo("agent at 97% of its cores");
        assertThat(ScalingTable.format(result))
                .contains("gil-mixed (run r1, SUCCEEDED): GET /mixed?io=16&cpu=4")
                .containsPattern("async\\s+247 \\[1\\.0]\\s+462 \\[1\\.9]\\*\n")
                .containsPattern("threaded\\s+48 \\[\\?]\\s+50 \\[\\?]~\n")
                .contains("~ under-loaded, not generator-bound (1 user for 2 workers: at most 1 worker can be busy).");
        assertThat(result.cell("threaded", 2).orElseThrow().underLoaded()).isTrue();
        assertThat(result.cell("threaded", 2).orElseThrow().generatorBound()).isFalse();
    }

    @Test
    void anUnsteadyCellIsMarkedAndNamedWithItsDriftAndAllSteadyCellsAreSaidToBe() throws Exception {
        JsonNode run = Json.lenient().readTree("""
                {"id": "r2", "name": "gil-cpu", "status": "SUCCEEDED",
                 "scenario": {"name": "gil-cpu",
                   "target": {"baseUrl": "http://127.0.0.1:9000", "profiles": ["multi-process"], "workers": [1, 2]},
                   "workload": {"requests": [{"name": "cpu", "method": "GET", "path": "/cpu?ms=5"}]},
                   "load": {"model": "closed", "users": 16, "warmup": "2s", "duration": "5s"}},
                 "steps": [
                   {"profile": "multi-process", "workers": 1, "repeat": 0,
                    "steadiness": {"unsteady": true, "reason": "throughput drifted +9.1 % from the first third"}},
                   {"profile": "multi-process", "workers": 2, "repeat": 0,
                    "steadiness": {"unsteady": false, "reason": null}}],
                 "series": [
                   {"profile": "multi-process", "points": [
                     {"workers": 1, "throughputRps": 182.0, "p99Ms": 120, "targetCpuCores": 1.0, "unsteady": true},
                     {"workers": 2, "throughputRps": 340.0, "p99Ms": 90, "targetCpuCores": 1.9}]}]}
                """);

        String table = ScalingTable.format(ScalingResult.of(run));

        assertThat(table)
                .containsPattern("multi-process\\s+182 \\[1\\.0]!\\s+340 \\[1\\.9]\n")
                .contains("! unsteady: the measured window was not one steady state")
                .contains("      multi-process W=1: throughput drifted +9.1 % from the first third\n")
                .doesNotContain("Every cell was steady");

        String steady = ScalingTable.format(ScalingResult.of(
                Json.lenient().readTree(run.toString().replace("\"unsteady\":true", "\"unsteady\":false"))));
        assertThat(steady)
                .contains("Every cell was steady: no drift over 5 % between the first and last thirds")
                .doesNotContain("!");
    }
}
