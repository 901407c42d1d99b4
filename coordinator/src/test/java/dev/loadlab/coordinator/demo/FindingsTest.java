package dev.loadlab.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsTest {
    private static final List<String> PROFILES = List.of("multi-process", "threaded-gil", "threaded", "async", "green");

    /** The issue-4 bench's /cpu?ms=5 cells on 2 cores: {rps, p99, cores} per profile at W = 1, 2, 4. */
    static ScalingResult cpuBench() {
        double[][][] data = {
            {{188, 210, 1.00}, {297, 236, 1.61}, {282, 340, 1.63}},
            {{191, 178, 1.02}, {186, 191, 1.01}, {185, 199, 1.01}},
            {{194, 173, 1.02}, {350, 134, 1.82}, {363, 106, 1.86}},
            {{196, 320, 1.01}, {364, 138, 1.90}, {351, 189, 1.90}},
            {{193, 10087, 1.02}, {375, 1908, 1.92}, {347, 672, 1.90}},
        };
        return result(List.of(1, 2, 4), data, -1, -1);
    }

    static ScalingResult result(List<Integer> workers, double[][][] data, int boundProfile, int boundWorkers) {
        List<ScalingResult.Cell> cells = new ArrayList<>();
        for (int p = 0; p < PROFILES.size(); p++) {
            for (int w = 0; w < workers.size(); w++) {
                double[] v = data[p][w];
                cells.add(new ScalingResult.Cell(
                        PROFILES.get(p),
                        workers.get(w),
                        v[0],
                        (long) v[1],
                        v[2],
                        p == boundProfile && w == boundWorkers));
            }
        }
        return new ScalingResult(
                "gil-cpu",
                "run-1",
                "SUCCEEDED",
                "GET /cpu?ms=5",
                "closed",
                64,
                "1s",
                "2s",
                PROFILES,
                workers,
                cells,
                boundProfile < 0 ? null : "agent averaged 95% of its cores",
                null);
    }

    @Test
    void theLockedProfilePlateausAtOneCoreAndTheMachineLimitIsNamed() {
        List<String> findings = Findings.of(cpuBench(), 2);

        assertThat(findings)
                .contains("threaded-gil plateaus at 1.0 cores from W=1 (measured up to W=4): more workers add no"
                        + " CPU, requests/s -3% (191 -> 185).")
                .contains("threaded stays at 1.8 cores from W=2 to W=4, about all 2 cores of this machine: no more"
                        + " CPU, requests/s +4% (350 -> 363).");
        // 1.6 cores is short of the machine's 2, so the machine is not named; growth from W=1 to 2 is no plateau.
        assertThat(findings)
                .contains("multi-process stays at 1.6 cores from W=2 to W=4: no more CPU, requests/s -5% (297 ->"
                        + " 282).")
                .noneMatch(f -> f.startsWith("multi-process") && f.contains("from W=1"));
    }

    @Test
    void speedUpsAreEachProfilesBestOverWOneBestFirst() {
        assertThat(Findings.speedUps(cpuBench()))
                .contains("Best speed-up over W=1: green 1.9× at W=2, threaded 1.9× at W=4, async 1.9× at W=2,"
                        + " multi-process 1.6× at W=2, threaded-gil 1.0× at W=2.");
    }

    @Test
    void bestAtTheHighestWorkerCountWithTheCloseOnes() {
        assertThat(Findings.bestAtHighestW(cpuBench()))
                .contains("At W=4, threaded serves the most: 363 requests/s (within 5 %: async 351, green 347);"
                        + " the least is threaded-gil with 185.");
    }

    @Test
    void theLockCostIsTheGapToTheSameThreadsWithoutIt() {
        assertThat(Findings.lockCost(cpuBench()))
                .contains("At W=4, threaded-gil serves 49% fewer requests/s than threaded, the same threads without"
                        + " the interpreter lock (185 vs 363).");
    }

    @Test
    void aHugeGreenTailGetsTheOneCarrierNoteAndOrdinaryTailsNothing() {
        List<String> tails = Findings.tails(cpuBench());

        assertThat(tails).hasSize(1);
        assertThat(tails.get(0))
                .startsWith("green at W=1 has a p99 of 10087 ms, 52× the other profiles' median (194 ms): its virtual"
                        + " threads share one carrier thread");
    }

    @Test
    void oneAsyncWorkerAgainstOneProcessOnlyWhenItIsClearlyMore() {
        assertThat(Findings.oneWorker(cpuBench())).isEmpty();
        double[][][] mixed = {
            {{48, 685, 0.23}, {92, 659, 0.45}},
            {{47, 700, 0.25}, {81, 405, 0.39}},
            {{48, 685, 0.25}, {96, 355, 0.43}},
            {{247, 194, 1.01}, {462, 112, 1.91}},
            {{219, 244, 0.93}, {439, 590, 1.85}},
        };
        ScalingResult result = result(List.of(1, 2), mixed, -1, -1);

        assertThat(Findings.oneWorker(result))
                .contains("With one worker, async serves 5.1× the requests/s of one multi-process worker (247 vs 48).");
        assertThat(Findings.of(result, 2))
                .noneMatch(f -> f.contains("plateaus"))
                .noneMatch(f -> f.contains("p99"));
    }

    @Test
    void nothingIsConcludedFromASingleWorkerCountOrFromGeneratorBoundCells() {
        double[][][] one = {
            {{188, 210, 1.0}}, {{191, 178, 1.0}}, {{194, 173, 1.0}}, {{196, 320, 1.0}}, {{193, 200, 1.0}}
        };
        List<String> findings = Findings.of(result(List.of(1), one, -1, -1), 2);
        assertThat(findings).hasSize(1).allMatch(f -> f.startsWith("At W=1, async serves the most"));

        // threaded at W=4 flagged: the best at W=4 and the lock cost come from the cells that measure the target.
        ScalingResult bound = result(List.of(1, 2, 4), regroup(cpuBench()), 2, 2);
        assertThat(Findings.bestAtHighestW(bound))
                .hasValueSatisfying(f -> assertThat(f).startsWith("At W=4, async serves the most"));
        assertThat(Findings.lockCost(bound))
                .hasValueSatisfying(f -> assertThat(f).startsWith("At W=2,"));
    }

    private static double[][][] regroup(ScalingResult result) {
        double[][][] data = new double[PROFILES.size()][result.workers().size()][];
        for (int p = 0; p < PROFILES.size(); p++) {
            for (int w = 0; w < result.workers().size(); w++) {
                ScalingResult.Cell c =
                        result.cell(PROFILES.get(p), result.workers().get(w)).orElseThrow();
                data[p][w] = new double[] {c.throughputRps(), c.p99Ms(), c.targetCpuCores()};
            }
        }
        return data;
    }
}
